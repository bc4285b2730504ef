package dev.herald.webfinger;

import java.util.Objects;

/**
 * The parts of an HTTP request the WebFinger server looks at, so that any web framework can hand one over.
 *
 * <p>Immutable and thread-safe.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param path the request path without the query, e.g. {@code /.well-known/webfinger}
 * @param rawQuery the query as received, still percent-encoded and without the {@code ?}; empty when there is none
 * @param accept the {@code Accept} header, empty when there is none (only host-meta looks at it)
 */
public record WebFingerRequest(String method, String path, String rawQuery, String accept) {
    /** Checks that no part is null; use the empty string for an absent query or Accept header. */
    public WebFingerRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawQuery, "rawQuery (use \"\" when there is no query)");
        Objects.requireNonNull(accept, "accept (use \"\" when there is no Accept header)");
    }

    /**
     * A GET request for a path with an optional query, e.g. {@code /.well-known/webfinger?resource=acct:a@b}.
     *
     * @param pathAndQuery the request target; everything after the first {@code ?} is the raw query
     */
    public static WebFingerRequest get(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        return question < 0
                ? new WebFingerRequest("GET", pathAndQuery, "", "")
                : new WebFingerRequest(
                        "GET", pathAndQuery.substring(0, question), pathAndQuery.substring(question + 1), "");
    }

    /** This request with another {@code Accept} header. */
    public WebFingerRequest withAccept(String acceptHeader) {
        return new WebFingerRequest(method, path, rawQuery, acceptHeader);
    }

    /** This request with another method. */
    public WebFingerRequest withMethod(String httpMethod) {
        return new WebFingerRequest(httpMethod, path, rawQuery, accept);
    }
}
