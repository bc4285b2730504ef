package dev.herald.signatures;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds the draft-cavage-12 signing string (§2.3) of a request. Stateless. */
final class CavageSigningString {
    private CavageSigningString() {}

    /**
     * The signing string over {@code headers}, in their order.
     *
     * @param withoutQuery leave the query out of {@code (request-target)}: Mastodon's compatibility quirk
     * @throws ComponentException if a header is absent or a pseudo-header has no value
     */
    static String of(
            List<String> headers,
            HttpMessage.Request request,
            Optional<String> created,
            Optional<String> expires,
            boolean withoutQuery) {
        StringBuilder out = new StringBuilder(256);
        for (String name : headers) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(name).append(": ");
            switch (name) {
                case "(request-target)":
                    out.append(request.method().toLowerCase(Locale.ROOT)).append(' ');
                    out.append(withoutQuery ? request.path() : request.requestTarget());
                    break;
                case "(created)":
                    out.append(created.orElseThrow(
                            () -> new ComponentException("(created) is signed but the signature has no created")));
                    break;
                case "(expires)":
                    out.append(expires.orElseThrow(
                            () -> new ComponentException("(expires) is signed but the signature has no expires")));
                    break;
                case "host":
                    // HTTP/2 carries the host in :authority; a request built from a URI may have no Host line.
                    out.append(request.fields().combined("host").orElseGet(request::authority));
                    break;
                default:
                    if (name.startsWith("(")) {
                        throw new ComponentException("unknown pseudo-header " + name);
                    }
                    out.append(request.fields()
                            .combined(name)
                            .orElseThrow(() -> new ComponentException("signed header " + name + " is absent")));
            }
        }
        return out.toString();
    }
}
