package dev.herald.webfinger;

import dev.herald.webfinger.internal.Authority;
import dev.herald.webfinger.internal.BadInput;
import dev.herald.webfinger.internal.Percent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed WebFinger resource (RFC 7033 §4.1): an {@code acct:} URI (RFC 7565), an {@code https:}/{@code http:}
 * URL such as an actor or profile page, or a {@code mailto:} address.
 *
 * <p>Parsing lower-cases the scheme and the host but keeps the user part's case as given
 * ({@code acct:Gargron@Mastodon.Social} becomes {@code acct:Gargron@mastodon.social}): whether user names are
 * case-sensitive is the application's decision (Mastodon's are not). The user part of {@code acct:} and
 * {@code mailto:} may be percent-encoded; {@link #user()} is the decoded form and {@link #toString()} re-encodes
 * only what RFC 7565 requires. The host may carry a port ({@code acct:alice@127.0.0.1:8080}); default ports of
 * URLs are dropped.
 *
 * <p>Immutable and thread-safe. Two resources are equal when their canonical forms ({@link #toString()}) are.
 */
public final class Resource {
    /** What kind of identifier a resource is. */
    public enum Kind {
        /** {@code acct:user@host} (RFC 7565). */
        ACCT,
        /** {@code mailto:user@host}. */
        MAILTO,
        /** An absolute {@code https:} or {@code http:} URL. */
        URL
    }

    // RFC 7565 userpart: unreserved and sub-delims stay literal; everything else is percent-encoded.
    private static final String USER_LITERALS = "!$&'()*+,;=";

    private final Kind kind;
    private final String scheme;
    private final String user;
    private final Authority authority;
    private final String canonical;

    private Resource(Kind kind, String scheme, String user, Authority authority, String canonical) {
        this.kind = kind;
        this.scheme = scheme;
        this.user = user;
        this.authority = authority;
        this.canonical = canonical;
    }

    /**
     * Parses a resource exactly as it arrives in the {@code resource} query parameter (after the query string's
     * own percent-decoding).
     *
     * @throws InvalidResourceException if it is not an acct, mailto, https or http resource, or is malformed
     */
    public static Resource parse(String value) {
        if (value == null) {
            throw new InvalidResourceException("the resource is missing");
        }
        if (value.isEmpty()) {
            throw new InvalidResourceException("the resource is empty");
        }
        rejectUnsafeCharacters(value);
        int colon = value.indexOf(':');
        if (colon <= 0 || !isScheme(value.substring(0, colon))) {
            throw new InvalidResourceException(
                    "the resource has no URI scheme (expected acct:, https:, http: or mailto:)");
        }
        String scheme = value.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = value.substring(colon + 1);
        switch (scheme) {
            case "acct":
                return userAtHost(Kind.ACCT, scheme, rest);
            case "mailto":
                return userAtHost(Kind.MAILTO, scheme, rest);
            case "https":
            case "http":
                return url(scheme, rest);
            default:
                throw new InvalidResourceException(
                        "unsupported scheme '" + abbreviate(scheme) + "' (expected acct, https, http or mailto)");
        }
    }

    /**
     * Parses what a person types to name an account: {@code @user@host}, {@code user@host}, or any form
     * {@link #parse(String)} accepts. Surrounding white space is ignored.
     *
     * @throws InvalidResourceException if it is none of these
     */
    public static Resource parseHandle(String handle) {
        if (handle == null) {
            throw new InvalidResourceException("the handle is missing");
        }
        String text = handle.strip();
        int colon = text.indexOf(':');
        int at = text.indexOf('@');
        boolean hasScheme = colon > 0 && (at < 0 || colon < at) && isScheme(text.substring(0, colon));
        if (hasScheme) {
            return parse(text);
        }
        String bare = text.startsWith("@") ? text.substring(1) : text;
        if (bare.indexOf('@') <= 0) {
            throw new InvalidResourceException("a handle looks like @user@host");
        }
        return parse("acct:" + bare);
    }

    /**
     * The {@code acct:} resource for a user at a host.
     *
     * @param user the user name, not percent-encoded (any characters are allowed and will be encoded)
     * @param authority the host, optionally with {@code :port}
     * @throws InvalidResourceException if the user is empty or the host malformed
     */
    public static Resource acct(String user, String authority) {
        if (user == null || user.isEmpty()) {
            throw new InvalidResourceException("the user part is empty");
        }
        rejectUnsafeCharacters(user);
        return parse("acct:" + Percent.encode(user, USER_LITERALS) + "@" + authority);
    }

    private static Resource userAtHost(Kind kind, String scheme, String rest) {
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidResourceException(scheme + ": resource has no '@' between user and host");
        }
        String rawUser = rest.substring(0, at);
        String host = rest.substring(at + 1);
        if (rawUser.isEmpty()) {
            throw new InvalidResourceException("the user part is empty");
        }
        if (rawUser.indexOf('@') >= 0) {
            throw new InvalidResourceException("the user part must percent-encode '@' as %40");
        }
        for (int i = 0; i < rawUser.length(); i++) {
            char c = rawUser.charAt(i);
            boolean ok = c >= 0x80 || c == '%' || Percent.isUnreserved(c) || Percent.isSubDelim(c);
            if (!ok) {
                throw new InvalidResourceException("the user part contains '" + c + "', which must be percent-encoded");
            }
        }
        String user;
        Authority authority;
        try {
            user = Percent.decode(rawUser);
            authority = Authority.parse(host);
        } catch (BadInput e) {
            throw new InvalidResourceException(e.reason());
        }
        rejectUnsafeCharacters(user);
        String canonical = scheme + ":" + Percent.encode(user, USER_LITERALS) + "@" + authority;
        return new Resource(kind, scheme, user, authority, canonical);
    }

    private static Resource url(String scheme, String rest) {
        URI uri;
        try {
            uri = new URI(scheme + ":" + rest);
        } catch (URISyntaxException e) {
            throw new InvalidResourceException("not a valid " + scheme + " URL: " + abbreviate(e.getReason()));
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new InvalidResourceException("a " + scheme + " resource must be an absolute URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidResourceException("user information in a URL resource is not allowed");
        }
        if (uri.getHost() == null) {
            throw new InvalidResourceException("the URL's host is not a valid host name");
        }
        Authority authority;
        try {
            authority = Authority.parse(uri.getRawAuthority()).withoutDefaultPort(scheme);
        } catch (BadInput e) {
            throw new InvalidResourceException(e.reason());
        }
        StringBuilder canonical = new StringBuilder(scheme).append("://").append(authority);
        canonical.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            canonical.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            canonical.append('#').append(uri.getRawFragment());
        }
        return new Resource(Kind.URL, scheme, null, authority, canonical.toString());
    }

    private static boolean isScheme(String text) {
        if (text.isEmpty() || !isAsciiLetter(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static void rejectUnsafeCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new InvalidResourceException("the resource contains control characters");
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new InvalidResourceException("the resource contains white space");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF') {
                throw new InvalidResourceException("the resource contains invalid or replacement characters");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** What kind of resource this is. */
    public Kind kind() {
        return kind;
    }

    /** The lower-case scheme: {@code acct}, {@code mailto}, {@code https} or {@code http}. */
    public String scheme() {
        return scheme;
    }

    /** The decoded user part of an {@code acct:} or {@code mailto:} resource, in the case given; empty for a URL. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The lower-case host (an IPv6 literal keeps its brackets), without the port. */
    public String host() {
        return authority.host();
    }

    /** The port if one was given (and, for URLs, is not the scheme's default). */
    public OptionalInt port() {
        return authority.port() < 0 ? OptionalInt.empty() : OptionalInt.of(authority.port());
    }

    /** {@code host} or {@code host:port}: where this resource's WebFinger document lives. */
    public String authority() {
        return authority.toString();
    }

    /** The canonical form as a URI. */
    public URI uri() {
        return URI.create(canonical);
    }

    /** For an {@code acct:} resource, the handle people write: {@code @user@host}. */
    public Optional<String> handle() {
        return kind == Kind.ACCT ? Optional.of("@" + user + "@" + authority) : Optional.empty();
    }

    /** The canonical form, for example {@code acct:alice@example.org} or {@code https://example.org/users/alice}. */
    @Override
    public String toString() {
        return canonical;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Resource && ((Resource) other).canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }
}
