package dev.herald.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outgoing delivery queue: one stored payload per activity, one job per distinct target inbox. Workers
 * (possibly on several nodes sharing one PostgreSQL) {@link #claim claim} due jobs under a lease, send them,
 * and report the outcome. A job is claimed by one worker at a time; if its worker dies the lease expires and
 * the job is claimed again, so a delivery may be sent twice but is never lost. Thread-safe.
 *
 * <p>Times are passed in by the caller (its clock), so nodes should keep their clocks in sync; leases of
 * minutes dwarf ordinary clock skew.
 */
public interface DeliveryStore {
    /**
     * Stores the payload once and queues one job per distinct target inbox, due at once, in one transaction.
     * Idempotent per activity id: inboxes already queued for it are skipped. To store the object being
     * published in the same transaction use {@link HeraldStore#publish}.
     *
     * @return how many jobs were queued
     * @throws IllegalArgumentException if the payload is larger than the store's limit
     */
    int enqueue(DeliveryBatch batch, Instant now);

    /**
     * Claims up to {@code limit} due jobs (pending or retrying with next attempt at or before {@code now}, or
     * claimed with an expired lease), each with its payload, under a lease until {@code now + lease}. The
     * oldest due are picked first; the list is in no particular order. Each call's jobs share one lease
     * token.
     *
     * @param workerId names the claimer (host and thread, say), 1 to {@link QueueLimits#MAX_WORKER_ID} chars
     * @param limit 1 to {@link QueueLimits#MAX_CLAIM}
     * @param lease how long the worker may hold the jobs, at most {@link QueueLimits#MAX_LEASE}
     */
    List<ClaimedDelivery> claim(String workerId, int limit, Duration lease, Instant now);

    /** Marks the job delivered. False if the worker no longer holds it (its lease expired and was re-claimed). */
    boolean delivered(ClaimedDelivery job, Instant now);

    /**
     * Marks every job in {@code jobs} delivered, in one transaction where the store has them, so that a fan-out
     * does not commit once per inbox. Jobs the worker no longer holds are skipped, as {@link
     * #delivered(ClaimedDelivery, Instant)} does.
     *
     * @return how many of the jobs were still held and are now done
     */
    default int delivered(List<ClaimedDelivery> jobs, Instant now) {
        int done = 0;
        for (ClaimedDelivery job : jobs) {
            if (delivered(job, now)) {
                done++;
            }
        }
        return done;
    }

    /**
     * Records a failed attempt and schedules the next one. False if the worker no longer holds the job.
     *
     * @param error what went wrong, cut to {@link QueueLimits#MAX_ERROR} characters
     */
    boolean retryLater(ClaimedDelivery job, String error, Instant nextAttempt);

    /**
     * Puts a claimed job back unsent, due at {@code due}: its host's circuit is open, its host has too many jobs
     * waiting, or the worker is stopping. Unlike {@link #retryLater} this is no attempt: the count the claim added is
     * taken back (a job never attempted is pending again), so jobs put back while a host is down keep their whole
     * retry schedule. False if the worker no longer holds the job.
     *
     * <p>The default, for stores written before this method, records it as {@link #retryLater} (the attempt counts).
     *
     * @param reason why, cut to {@link QueueLimits#MAX_ERROR} characters
     */
    default boolean putBack(ClaimedDelivery job, String reason, Instant due) {
        return retryLater(job, reason, due);
    }

    /**
     * Puts every job in {@code jobs} back unsent, due at {@code due}, as {@link #putBack(ClaimedDelivery, String,
     * Instant)} does, in one transaction where the store has them: a fan-out to many inboxes on one busy host puts
     * back most of a claim. Jobs the worker no longer holds are skipped.
     *
     * @param reason why, cut to {@link QueueLimits#MAX_ERROR} characters
     * @return how many of the jobs were still held and are now put back
     */
    default int putBack(List<ClaimedDelivery> jobs, String reason, Instant due) {
        int back = 0;
        for (ClaimedDelivery job : jobs) {
            if (putBack(job, reason, due)) {
                back++;
            }
        }
        return back;
    }

    /** Gives the job up for good (too many attempts, inbox gone). False if the worker no longer holds it. */
    boolean giveUp(ClaimedDelivery job, String error, Instant now);

    /** How many jobs are in each state (every state is a key). */
    Map<JobState, Long> counts();

    /** The hosts with the most unfinished jobs, most first, at most {@code limit} (1 to 1000). */
    List<HostBacklog> backlogByHost(int limit);

    /**
     * Deletes finished jobs (done or given up) last changed before {@code before}, and payloads no job
     * refers to any more. Returns how many jobs were deleted.
     */
    int purgeFinished(Instant before);
}
