package dev.herald.signatures;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP message as HTTP Message Signatures see it: a request (method, target, fields) or a response
 * (status, fields). The body is not part of the message: it is covered through a digest field, and the
 * signing and verifying calls take it separately.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface HttpMessage permits HttpMessage.Request, HttpMessage.Response {

    /** The header fields. */
    HttpFields fields();

    /** The trailer fields (usually empty). */
    HttpFields trailers();

    /**
     * A request.
     *
     * @param method the method as sent, e.g. {@code POST}
     * @param targetUri the absolute target URI: scheme, authority, path and query as the server sees them
     *     (behind a reverse proxy, the public {@code https} URI, not the proxy's internal one)
     * @param requestTarget the request-target as on the request line: usually the origin form
     *     ({@code /path?query}), else the absolute, authority ({@code CONNECT}) or asterisk form
     * @param fields the header fields
     * @param trailers the trailer fields
     */
    record Request(String method, URI targetUri, String requestTarget, HttpFields fields, HttpFields trailers)
            implements HttpMessage {
        /** Checks the parts: an HTTP token method, an absolute target URI with a host. */
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(targetUri, "targetUri");
            Objects.requireNonNull(requestTarget, "requestTarget");
            Objects.requireNonNull(fields, "fields");
            Objects.requireNonNull(trailers, "trailers");
            if (method.isEmpty() || !isToken(method)) {
                throw new IllegalArgumentException("method is not an HTTP token: " + method);
            }
            if (!targetUri.isAbsolute() || targetUri.getRawAuthority() == null || targetUri.isOpaque()) {
                throw new IllegalArgumentException("targetUri must be absolute with an authority: " + targetUri);
            }
            if (requestTarget.isEmpty() || !isVisibleAscii(requestTarget)) {
                throw new IllegalArgumentException("requestTarget is empty or has spaces or control characters");
            }
        }

        // Loops, not streams: a request is built several times per delivery, and the streams were a tenth of what
        // signing one allocated.
        private static boolean isToken(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (!HttpFields.isTokenChar(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isVisibleAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c <= ' ' || c >= 0x7f) {
                    return false;
                }
            }
            return true;
        }

        /** A request in origin form: the request-target is the URI's path and query. */
        public static Request of(String method, URI targetUri, HttpFields fields) {
            return new Request(method, targetUri, originForm(targetUri), fields, HttpFields.empty());
        }

        /** A request with no fields yet. */
        public static Request of(String method, URI targetUri) {
            return of(method, targetUri, HttpFields.empty());
        }

        /** This request with other header fields. */
        public Request withFields(HttpFields newFields) {
            return new Request(method, targetUri, requestTarget, newFields, trailers);
        }

        /** This request with one more header field line. */
        public Request withField(String name, String value) {
            return withFields(fields.with(name, value));
        }

        /** The authority of the target URI, normalised: host in lower case, default port left out. */
        public String authority() {
            return normalisedAuthority(targetUri);
        }

        /** The path of the target URI as sent (percent-encoding kept), {@code /} when empty. */
        public String path() {
            String path = targetUri.getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        }

        private static String originForm(URI uri) {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }

        static String normalisedAuthority(URI uri) {
            String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("https") && authority.endsWith(":443")) {
                return authority.substring(0, authority.length() - 4);
            }
            if (scheme.equals("http") && authority.endsWith(":80")) {
                return authority.substring(0, authority.length() - 3);
            }
            return authority;
        }
    }

    /**
     * A response.
     *
     * @param status the three-digit status code
     * @param fields the header fields
     * @param trailers the trailer fields
     */
    record Response(int status, HttpFields fields, HttpFields trailers) implements HttpMessage {
        /** Checks the status is three digits. */
        public Response {
            Objects.requireNonNull(fields, "fields");
            Objects.requireNonNull(trailers, "trailers");
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("status must have three digits: " + status);
            }
        }

        /** A response without trailers. */
        public static Response of(int status, HttpFields fields) {
            return new Response(status, fields, HttpFields.empty());
        }
    }
}
