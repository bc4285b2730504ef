package dev.herald.core.store.memory;

import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.HostBacklog;
import dev.herald.core.store.JobState;
import dev.herald.core.store.QueueLimits;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The delivery queue in memory: payloads kept once per activity. Thread-safe (one lock for enqueues). */
final class MemoryDeliveries implements DeliveryStore {
    /** A job: which payload to which inbox. */
    private record Job(URI activityId, String actor, URI inbox, String host) {}

    private final MemoryQueue<Job> queue = new MemoryQueue<>();
    private final Map<URI, String> payloads = new HashMap<>();
    private final Set<String> queued = new HashSet<>();
    private final BiConsumer<String, Consumer<URI>> followerInboxes;
    private final int maxPayload;

    MemoryDeliveries(BiConsumer<String, Consumer<URI>> followerInboxes, int maxPayload) {
        this.followerInboxes = followerInboxes;
        this.maxPayload = maxPayload;
    }

    /** Throws if the batch's payload is over the limit. */
    void check(DeliveryBatch batch) {
        if (batch.payload().length() > maxPayload) {
            throw new IllegalArgumentException(
                    "payload is " + batch.payload().length() + " characters, more than the limit " + maxPayload);
        }
    }

    @Override
    public synchronized int enqueue(DeliveryBatch batch, Instant now) {
        check(batch);
        payloads.putIfAbsent(batch.activityId(), batch.payload());
        Set<URI> targets = new LinkedHashSet<>(batch.inboxes());
        if (batch.toFollowers()) {
            followerInboxes.accept(batch.actor(), targets::add);
        }
        int added = 0;
        for (URI inbox : byHostInTurn(targets)) {
            if (queued.add(batch.activityId() + "\n" + inbox)) {
                queue.add(new Job(batch.activityId(), batch.actor(), inbox, DeliveryBatch.hostOf(inbox)), now);
                added++;
            }
        }
        return added;
    }

    /**
     * The inboxes with their hosts taken in turn (the first inbox of each host, then the second of each…), so that a
     * claim spreads over the hosts, as the JDBC store's due times do.
     */
    private static List<URI> byHostInTurn(Set<URI> inboxes) {
        Map<String, ArrayDeque<URI>> byHost = new LinkedHashMap<>();
        for (URI inbox : inboxes) {
            byHost.computeIfAbsent(DeliveryBatch.hostOf(inbox), h -> new ArrayDeque<>())
                    .add(inbox);
        }
        List<URI> inTurn = new ArrayList<>(inboxes.size());
        while (!byHost.isEmpty()) {
            for (var it = byHost.values().iterator(); it.hasNext(); ) {
                ArrayDeque<URI> left = it.next();
                inTurn.add(left.poll());
                if (left.isEmpty()) {
                    it.remove();
                }
            }
        }
        return inTurn;
    }

    @Override
    public List<ClaimedDelivery> claim(String workerId, int limit, Duration lease, Instant now) {
        List<ClaimedDelivery> claimed = new ArrayList<>();
        for (MemoryQueue.Claimed<Job> c : queue.claim(workerId, limit, lease, now)) {
            Job job = c.item();
            claimed.add(new ClaimedDelivery(
                    c.id(), job.activityId(), job.actor(), job.inbox(), payload(job), c.attempt(), c.lease()));
        }
        return claimed;
    }

    private synchronized String payload(Job job) {
        return payloads.get(job.activityId());
    }

    @Override
    public boolean delivered(ClaimedDelivery job, Instant now) {
        return queue.report(job.id(), job.lease(), JobState.DONE, null, null, now);
    }

    @Override
    public boolean retryLater(ClaimedDelivery job, String error, Instant nextAttempt) {
        return queue.report(job.id(), job.lease(), JobState.RETRY, QueueLimits.error(error), nextAttempt, nextAttempt);
    }

    @Override
    public boolean putBack(ClaimedDelivery job, String reason, Instant due) {
        return queue.putBack(job.id(), job.lease(), QueueLimits.error(reason), due);
    }

    @Override
    public boolean giveUp(ClaimedDelivery job, String error, Instant now) {
        return queue.report(job.id(), job.lease(), JobState.GIVEN_UP, QueueLimits.error(error), null, now);
    }

    @Override
    public Map<JobState, Long> counts() {
        return queue.counts();
    }

    @Override
    public List<HostBacklog> backlogByHost(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000: " + limit);
        }
        Map<String, Long> waiting = queue.read(entries -> {
            Map<String, Long> byHost = new HashMap<>();
            for (MemoryQueue.Entry<Job> entry : entries) {
                if (!MemoryQueue.finished(entry.state)) {
                    byHost.merge(entry.item.host(), 1L, Long::sum);
                }
            }
            return byHost;
        });
        return waiting.entrySet().stream()
                .map(e -> new HostBacklog(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(HostBacklog::waiting)
                        .reversed()
                        .thenComparing(HostBacklog::host))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int purgeFinished(Instant before) {
        int purged = queue.removeIf(e -> MemoryQueue.finished(e.state) && e.updated.isBefore(before));
        Set<URI> live = queue.read(entries -> {
            Set<URI> ids = new HashSet<>();
            entries.forEach(e -> ids.add(e.item.activityId()));
            return ids;
        });
        payloads.keySet().retainAll(live);
        queued.removeIf(key -> !live.contains(URI.create(key.substring(0, key.indexOf('\n')))));
        return purged;
    }
}
