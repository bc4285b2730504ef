package dev.herald.core.http;

import dev.herald.signatures.HttpFields;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP request as Herald sees it, whatever web framework received it: the method, the raw path and query
 * (still percent-encoded), the header fields and the body. The public origin (scheme and host) is not part of
 * it: Herald takes that from its configuration, never from the {@code Host} header, so that answers are the
 * same behind a reverse proxy.
 *
 * <p>Immutable and thread-safe ({@link #body()} returns a copy).
 *
 * @param method the method as received, e.g. {@code GET}
 * @param path the raw path, starting with {@code /}, without the query
 * @param rawQuery the raw query without the {@code ?}; empty when there is none
 * @param headers the header fields
 * @param body the body bytes; empty for GET and HEAD
 */
public record HeraldRequest(String method, String path, String rawQuery, HttpFields headers, byte[] body) {
    private static final byte[] NO_BODY = new byte[0];

    /** Checks the parts and copies the body. */
    public HeraldRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawQuery, "rawQuery (use \"\" when there is no query)");
        Objects.requireNonNull(headers, "headers (use HttpFields.empty())");
        Objects.requireNonNull(body, "body (use an empty array)");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got " + path);
        }
        body = body.length == 0 ? NO_BODY : body.clone();
    }

    /**
     * A request without a body.
     *
     * @param method the method, e.g. {@code GET}
     * @param pathAndQuery the request target in origin form: everything after the first {@code ?} is the query
     * @param headers the header fields
     */
    public static HeraldRequest of(String method, String pathAndQuery, HttpFields headers) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        int question = pathAndQuery.indexOf('?');
        return question < 0
                ? new HeraldRequest(method, pathAndQuery, "", headers, NO_BODY)
                : new HeraldRequest(
                        method,
                        pathAndQuery.substring(0, question),
                        pathAndQuery.substring(question + 1),
                        headers,
                        NO_BODY);
    }

    /** A GET request for {@code pathAndQuery} with these headers. */
    public static HeraldRequest get(String pathAndQuery, HttpFields headers) {
        return of("GET", pathAndQuery, headers);
    }

    /** This request with another body. */
    public HeraldRequest withBody(byte[] newBody) {
        return new HeraldRequest(method, path, rawQuery, headers, newBody);
    }

    /** The body (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's length, without copying it. */
    public int bodyLength() {
        return body.length;
    }

    /** The method in upper case. */
    public String normalizedMethod() {
        return method.toUpperCase(Locale.ROOT);
    }

    /** The request target in origin form: the path, and {@code ?} and the query if there is one. */
    public String target() {
        return rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeraldRequest r
                && r.method.equals(method)
                && r.path.equals(path)
                && r.rawQuery.equals(rawQuery)
                && r.headers.equals(headers)
                && java.util.Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, rawQuery, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HeraldRequest[" + method + " " + target() + ", " + body.length + " bytes]";
    }
}
