package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * An activity received in an inbox whose signature was verified, stored raw before it is processed.
 * Immutable.
 *
 * @param activityId the activity's id: the dedupe key
 * @param actor the verified actor who sent it
 * @param json the activity's JSON as received
 * @param receivedAt when it arrived
 */
public record InboxActivity(URI activityId, URI actor, String json, Instant receivedAt) {
    /** Checks the parts. */
    public InboxActivity {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (!activityId.isAbsolute()) {
            throw new IllegalArgumentException("activityId must be an absolute URI: " + activityId);
        }
        if (json.isBlank()) {
            throw new IllegalArgumentException("json must not be blank");
        }
    }
}
