package dev.herald.core.store;

import java.time.Duration;

/**
 * Bounds on the arguments of the queue methods ({@link DeliveryStore}, {@link InboxStore}); every store
 * checks them the same way. The engines that call the queues have their own settings within these bounds.
 * Stateless and thread-safe.
 */
public final class QueueLimits {
    /** The most jobs one {@code claim} returns. */
    public static final int MAX_CLAIM = 1000;

    /** The longest lease a claim may take. */
    public static final Duration MAX_LEASE = Duration.ofDays(1);

    /** The longest worker id. */
    public static final int MAX_WORKER_ID = 200;

    /** Longer error texts are cut to this many characters when stored. */
    public static final int MAX_ERROR = 2000;

    private QueueLimits() {}

    /** Checks the arguments of a claim, naming the one that is wrong. */
    public static void checkClaim(String workerId, int limit, Duration lease) {
        if (workerId == null || workerId.isBlank() || workerId.length() > MAX_WORKER_ID) {
            throw new IllegalArgumentException("workerId must be 1 to " + MAX_WORKER_ID + " characters");
        }
        if (limit < 1 || limit > MAX_CLAIM) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_CLAIM + ": " + limit);
        }
        if (lease == null || lease.isNegative() || lease.isZero() || lease.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("lease must be positive and at most " + MAX_LEASE + ": " + lease);
        }
    }

    /** The error text as stored: never null, at most {@link #MAX_ERROR} characters. */
    public static String error(String error) {
        if (error == null) {
            throw new IllegalArgumentException("error must not be null");
        }
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}
