package dev.herald.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The incoming queue: verified activities stored raw, deduplicated by activity id, then processed
 * asynchronously by workers that claim them under a lease (the same protocol as {@link DeliveryStore}).
 * Nothing accepted is lost if processing fails: it is retried. Thread-safe.
 */
public interface InboxStore {
    /**
     * Stores a verified activity for processing, atomically with its dedupe key. False, storing nothing, if
     * an activity with the same id was accepted before (and not yet purged).
     *
     * @throws IllegalArgumentException if the JSON is larger than the store's limit
     */
    boolean accept(InboxActivity activity);

    /**
     * Claims up to {@code limit} due activities, the oldest due picked first; the arguments and lease as in
     * {@link DeliveryStore#claim}.
     */
    List<ClaimedActivity> claim(String workerId, int limit, Duration lease, Instant now);

    /** Marks the activity processed. False if the worker no longer holds it. */
    boolean processed(ClaimedActivity claimed, Instant now);

    /**
     * Marks several activities processed at once, as {@link #processed(ClaimedActivity, Instant)} does for each: a
     * store with transactions commits once for all of them. Activities the worker no longer holds are skipped.
     *
     * @return how many were still held and are now processed
     */
    default int processed(List<ClaimedActivity> claimed, Instant now) {
        int done = 0;
        for (ClaimedActivity activity : claimed) {
            if (processed(activity, now)) {
                done++;
            }
        }
        return done;
    }

    /** Records a failed attempt and schedules the next one. False if the worker no longer holds it. */
    boolean retryLater(ClaimedActivity claimed, String error, Instant nextAttempt);

    /** Gives processing up for good. False if the worker no longer holds it. */
    boolean giveUp(ClaimedActivity claimed, String error, Instant now);

    /** How many activities are in each state (every state is a key). */
    Map<JobState, Long> counts();

    /**
     * Deletes finished activities (processed or given up) received before {@code before}; their ids are then
     * forgotten, so this is also the dedupe window. Returns how many were deleted.
     */
    int purgeFinished(Instant before);
}
