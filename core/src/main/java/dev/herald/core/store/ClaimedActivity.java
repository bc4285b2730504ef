package dev.herald.core.store;

import java.util.Objects;

/**
 * A received activity a worker claimed for processing; report the outcome to the {@link InboxStore} before
 * the lease expires. Immutable.
 *
 * @param id the queue entry's id in the store
 * @param activity the activity as received
 * @param attempt this attempt's number, 1 for the first
 * @param lease the worker's hold on it
 */
public record ClaimedActivity(long id, InboxActivity activity, int attempt, Lease lease) {
    /** Checks the parts. */
    public ClaimedActivity {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(lease, "lease");
    }
}
