package dev.herald.core.http;

import dev.herald.signatures.HttpFields;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What Herald answers: a status, header fields and a body, for the web framework to copy onto its response.
 * Bodies of HEAD answers are empty; their {@code Content-Length} field tells the length a GET would have.
 *
 * <p>Immutable and thread-safe ({@link #body()} returns a copy).
 *
 * @param status the HTTP status code
 * @param headers the header fields to send
 * @param body the body bytes
 */
public record HeraldResponse(int status, HttpFields headers, byte[] body) {
    /** Checks the parts and copies the body. */
    public HeraldResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599, got " + status);
        }
        Objects.requireNonNull(headers, "headers");
        body = Objects.requireNonNull(body, "body").clone();
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

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of the header {@code name} (any case), if present. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** This response without its body (for HEAD), keeping every header. */
    public HeraldResponse withoutBody() {
        return new HeraldResponse(status, headers, new byte[0]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeraldResponse r
                && r.status == status
                && r.headers.equals(headers)
                && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HeraldResponse[" + status + ", " + body.length + " bytes]";
    }
}
