package dev.herald.core.internal.jsonld;

import dev.herald.core.vocab.Addressing;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Lenient parsing of the URIs remote servers write. A string that is not a valid URI as written (a
 * space, a second {@code #} as in WordPress's {@code &#038;} avatars, raw non-ASCII) is percent-encoded
 * where it is invalid and tried again. Only absolute URIs are accepted. The public audience's short
 * forms ({@code as:Public}, {@code Public}) become {@link Addressing#PUBLIC}.
 *
 * <p>Stateless and thread-safe.
 */
final class Uris {
    private static final String ALLOWED = "-._~:/?#[]@!$&'()*+,;=%";

    private Uris() {}

    /** {@code value} as an absolute URI, if it can be made one. */
    static Optional<URI> parse(String value) {
        if (value.equals("as:Public") || value.equals("Public")) {
            return Optional.of(Addressing.PUBLIC);
        }
        URI uri = tryParse(value);
        if (uri == null) {
            uri = tryParse(encodeInvalid(value));
        }
        return uri != null && uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
    }

    private static URI tryParse(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String encodeInvalid(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        boolean seenHash = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0);
            if (c == '#') {
                plain = !seenHash;
                seenHash = true;
            }
            if (plain) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)));
                    out.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                i = end - 1;
            }
        }
        return out.toString();
    }
}
