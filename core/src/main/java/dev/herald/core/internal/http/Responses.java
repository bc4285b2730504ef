package dev.herald.core.internal.http;

import dev.herald.core.http.HeraldResponse;
import dev.herald.signatures.HttpFields;
import jakarta.json.JsonObject;

/**
 * The answers Herald gives, with their headers: ActivityPub documents, other JSON, and JSON errors
 * ({@code {"error": "…"}}, as Mastodon writes them). Not part of the API. Stateless and thread-safe.
 */
public final class Responses {
    /** The largest document Mastodon accepts is 1 MB; Herald logs anything that comes close. */
    public static final int MAX_DOCUMENT_BYTES = 1_000_000;

    private Responses() {}

    /**
     * An ActivityPub document.
     *
     * @param status 200, or 410 for a Tombstone
     * @param json the document
     * @param isPublic whether anyone may read it: then it may be cached and read cross-origin
     */
    public static HeraldResponse activity(int status, JsonObject json, boolean isPublic) {
        return activity(status, Json.bytes(json), isPublic);
    }

    /** An ActivityPub document given as its bytes. */
    public static HeraldResponse activity(int status, byte[] body, boolean isPublic) {
        HttpFields.Builder headers = HttpFields.builder()
                .add("Content-Type", Negotiation.ACTIVITY_JSON)
                .add("Vary", "Accept");
        if (isPublic) {
            headers.add("Access-Control-Allow-Origin", "*").add("Cache-Control", "public, max-age=60");
        } else {
            headers.add("Cache-Control", "private, no-store");
        }
        headers.add("X-Content-Type-Options", "nosniff");
        return new HeraldResponse(status, headers.build(), body);
    }

    /** Plain JSON (NodeInfo), readable by anyone. */
    public static HeraldResponse json(JsonObject json, String contentType) {
        return new HeraldResponse(
                200,
                HttpFields.builder()
                        .add("Content-Type", contentType)
                        .add("Access-Control-Allow-Origin", "*")
                        .add("Cache-Control", "public, max-age=1800")
                        .add("X-Content-Type-Options", "nosniff")
                        .build(),
                Json.bytes(json));
    }

    /**
     * A JSON error, {@code {"error": reason}}, never cached.
     *
     * @param status the status
     * @param reason what went wrong and, where it helps, what to do
     * @param negotiated whether the answer depended on {@code Accept} (adds {@code Vary: Accept})
     */
    public static HeraldResponse error(int status, String reason, boolean negotiated) {
        HttpFields.Builder headers = HttpFields.builder().add("Content-Type", "application/json; charset=utf-8");
        if (negotiated) {
            headers.add("Vary", "Accept");
        }
        headers.add("Access-Control-Allow-Origin", "*")
                .add("Cache-Control", "no-store")
                .add("X-Content-Type-Options", "nosniff");
        return new HeraldResponse(status, headers.build(), Json.member("error", reason));
    }

    /** A 405 error with the {@code Allow} header. */
    public static HeraldResponse methodNotAllowed(String method, String allow, boolean negotiated) {
        HeraldResponse error =
                error(405, "method " + printable(method) + " is not allowed here; use " + allow, negotiated);
        return new HeraldResponse(405, error.headers().with("Allow", allow), error.body());
    }

    /** {@code response} as the answer to HEAD: no body, {@code Content-Length} of the body a GET gets. */
    public static HeraldResponse forHead(HeraldResponse response) {
        return new HeraldResponse(
                response.status(),
                response.headers().replacing("Content-Length", Integer.toString(response.bodyLength())),
                new byte[0]);
    }

    /** Echoed input, short and printable. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 64; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.length() < text.length() ? out + "…" : out.toString();
    }
}
