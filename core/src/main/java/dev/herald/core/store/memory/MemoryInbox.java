package dev.herald.core.store.memory;

import dev.herald.core.store.ClaimedActivity;
import dev.herald.core.store.InboxActivity;
import dev.herald.core.store.InboxStore;
import dev.herald.core.store.JobState;
import dev.herald.core.store.QueueLimits;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The inbox queue in memory. Thread-safe (accept and purge share one lock). */
final class MemoryInbox implements InboxStore {
    private final MemoryQueue<InboxActivity> queue = new MemoryQueue<>();
    private final Set<URI> seen = new HashSet<>();
    private final int maxPayload;

    MemoryInbox(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    @Override
    public synchronized boolean accept(InboxActivity activity) {
        if (activity.json().length() > maxPayload) {
            throw new IllegalArgumentException(
                    "json is " + activity.json().length() + " characters, more than the limit " + maxPayload);
        }
        if (!seen.add(activity.activityId())) {
            return false;
        }
        queue.add(activity, activity.receivedAt());
        return true;
    }

    @Override
    public List<ClaimedActivity> claim(String workerId, int limit, Duration lease, Instant now) {
        List<ClaimedActivity> claimed = new ArrayList<>();
        for (MemoryQueue.Claimed<InboxActivity> c : queue.claim(workerId, limit, lease, now)) {
            claimed.add(new ClaimedActivity(c.id(), c.item(), c.attempt(), c.lease()));
        }
        return claimed;
    }

    @Override
    public boolean processed(ClaimedActivity claimed, Instant now) {
        return queue.report(claimed.id(), claimed.lease(), JobState.DONE, null, null, now);
    }

    @Override
    public boolean retryLater(ClaimedActivity claimed, String error, Instant nextAttempt) {
        return queue.report(
                claimed.id(), claimed.lease(), JobState.RETRY, QueueLimits.error(error), nextAttempt, nextAttempt);
    }

    @Override
    public boolean giveUp(ClaimedActivity claimed, String error, Instant now) {
        return queue.report(claimed.id(), claimed.lease(), JobState.GIVEN_UP, QueueLimits.error(error), null, now);
    }

    @Override
    public Map<JobState, Long> counts() {
        return queue.counts();
    }

    @Override
    public synchronized int purgeFinished(Instant before) {
        Set<URI> purged = new HashSet<>();
        int count = queue.removeIf(e -> {
            boolean old = MemoryQueue.finished(e.state) && e.item.receivedAt().isBefore(before);
            if (old) {
                purged.add(e.item.activityId());
            }
            return old;
        });
        seen.removeAll(purged);
        return count;
    }
}
