package dev.herald.core.store;

/**
 * Where a queued job (a delivery or a received activity) stands. A job starts {@link #PENDING}, is {@link
 * #CLAIMED} by a worker under a lease, and ends {@link #DONE} or {@link #GIVEN_UP}, or goes back to {@link
 * #RETRY} until its next attempt is due. A claimed job whose lease expires is due again. Immutable.
 */
public enum JobState {
    /** Waiting for its first attempt. */
    PENDING,
    /** Held by a worker until its lease expires. */
    CLAIMED,
    /** Failed at least once; waiting for its next attempt. */
    RETRY,
    /** Delivered, or processed. */
    DONE,
    /** Failed for good; kept for the admin view until purged. */
    GIVEN_UP
}
