package dev.herald.webfinger;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the WebFinger server answers: a status, headers and a body, for the caller to copy onto its framework's
 * response.
 *
 * <p>Immutable and thread-safe ({@link #body()} returns a copy).
 */
public final class WebFingerResponse {
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    WebFingerResponse(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body.clone();
    }

    /** The HTTP status: 200, 204, 400, 404, 405 or 503. */
    public int status() {
        return status;
    }

    /** The headers to send, by name (for example {@code Content-Type}, {@code Access-Control-Allow-Origin}). */
    public Map<String, String> headers() {
        return headers;
    }

    /** One header, by name regardless of case. */
    public Optional<String> header(String name) {
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** The body bytes (a copy); empty for HEAD, OPTIONS and 204. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text: the JRD, the host-meta document, or the reason of an error. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WebFingerResponse{" + status + ", " + headers + ", " + body.length + " bytes}";
    }
}
