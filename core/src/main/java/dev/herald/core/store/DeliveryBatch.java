package dev.herald.core.store;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One activity to deliver: its JSON payload, stored once, and where it goes. The targets are the delivery
 * inboxes (shared inbox preferred) of the actor's accepted followers if {@code toFollowers}, plus {@code
 * inboxes} (mentioned actors, the sender of a Follow being accepted), each distinct inbox once. The follower
 * fan-out happens inside the store, so a large follower set is never loaded into memory. Immutable.
 *
 * @param activityId the activity's id; enqueuing the same id again adds only inboxes not yet queued for it
 * @param actor the local actor's username (its followers are the audience, its key signs)
 * @param payload the activity's JSON as it will be sent
 * @param toFollowers whether the actor's accepted followers receive it
 * @param inboxes further inboxes, distinct, absolute
 */
public record DeliveryBatch(URI activityId, String actor, String payload, boolean toFollowers, List<URI> inboxes) {
    /** Checks the parts and removes repeated inboxes. */
    public DeliveryBatch {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(inboxes, "inboxes");
        if (!activityId.isAbsolute()) {
            throw new IllegalArgumentException("activityId must be an absolute URI: " + activityId);
        }
        if (actor.isBlank()) {
            throw new IllegalArgumentException("actor must not be blank");
        }
        if (payload.isBlank()) {
            throw new IllegalArgumentException("payload must not be blank");
        }
        for (URI inbox : inboxes) {
            if (inbox == null || !inbox.isAbsolute() || inbox.getHost() == null) {
                throw new IllegalArgumentException("inboxes must be absolute URIs with a host: " + inbox);
            }
        }
        inboxes = List.copyOf(new LinkedHashSet<>(inboxes));
    }

    /** A batch to the actor's accepted followers only. */
    public static DeliveryBatch toFollowers(URI activityId, String actor, String payload) {
        return new DeliveryBatch(activityId, actor, payload, true, List.of());
    }

    /** A batch to the given inboxes only. */
    public static DeliveryBatch toInboxes(URI activityId, String actor, String payload, List<URI> inboxes) {
        return new DeliveryBatch(activityId, actor, payload, false, inboxes);
    }

    /** The host part of an inbox as the queue groups it: lower case. */
    public static String hostOf(URI inbox) {
        String host = inbox.getHost();
        if (host == null) {
            throw new IllegalArgumentException("inbox must have a host: " + inbox);
        }
        return host.toLowerCase(java.util.Locale.ROOT);
    }
}
