package dev.herald.core.store;

import java.net.URI;
import java.util.Objects;

/**
 * A delivery job a worker claimed: send {@code payload} to {@code inbox}, signed by {@code actor}'s key, then
 * report the outcome to the {@link DeliveryStore} before the lease expires. Immutable.
 *
 * @param id the job's id in the store
 * @param activityId the activity delivered
 * @param actor the local actor whose key signs
 * @param inbox where to POST
 * @param payload the activity's JSON
 * @param attempt this attempt's number, 1 for the first
 * @param lease the worker's hold on the job
 */
public record ClaimedDelivery(
        long id, URI activityId, String actor, URI inbox, String payload, int attempt, Lease lease) {
    /** Checks the parts. */
    public ClaimedDelivery {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(lease, "lease");
    }

    /** The inbox's host, lower case. */
    public String host() {
        return DeliveryBatch.hostOf(inbox);
    }
}
