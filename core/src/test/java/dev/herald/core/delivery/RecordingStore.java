package dev.herald.core.delivery;

import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.EngagementStore;
import dev.herald.core.store.FollowerStore;
import dev.herald.core.store.FollowingStore;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.HostBacklog;
import dev.herald.core.store.HostHealthStore;
import dev.herald.core.store.InboxStore;
import dev.herald.core.store.JobState;
import dev.herald.core.store.KeyPairStore;
import dev.herald.core.store.ObjectStore;
import dev.herald.core.store.RemoteActorCache;
import dev.herald.core.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that records how the engine calls its delivery queue: the size of every call putting jobs back and of
 * every call marking jobs delivered, and how many of the latter ran at once. The latter take a given time longer, as
 * on a store whose commits take time. Thread-safe.
 */
final class RecordingStore implements HeraldStore {
    /** The size of every put-back call (1 for a call with one job). */
    final List<Integer> putBacks = new CopyOnWriteArrayList<>();

    /** The size of every call marking jobs delivered (1 for a call with one job). */
    final List<Integer> deliveredCalls = new CopyOnWriteArrayList<>();

    /** The most calls marking jobs delivered that ran at once. */
    final AtomicInteger deliveredAtOnce = new AtomicInteger();

    private final AtomicInteger delivering = new AtomicInteger();
    private final HeraldStore store;
    private final DeliveryStore deliveries;
    private final Duration slowDelivered;

    /** Records the calls to {@code store}'s queue; marking jobs delivered takes {@code slowDelivered} longer. */
    RecordingStore(HeraldStore store, Duration slowDelivered) {
        this.store = store;
        this.slowDelivered = slowDelivered;
        this.deliveries = new Queue(store.deliveries());
    }

    private int delivering(List<ClaimedDelivery> jobs, java.util.function.IntSupplier work) {
        deliveredCalls.add(jobs.size());
        deliveredAtOnce.accumulateAndGet(delivering.incrementAndGet(), Math::max);
        try {
            Thread.sleep(slowDelivered.toMillis());
            return work.getAsInt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delivering.decrementAndGet();
        }
    }

    private final class Queue implements DeliveryStore {
        private final DeliveryStore queue;

        Queue(DeliveryStore queue) {
            this.queue = queue;
        }

        @Override
        public int enqueue(DeliveryBatch batch, Instant now) {
            return queue.enqueue(batch, now);
        }

        @Override
        public List<ClaimedDelivery> claim(String workerId, int limit, Duration lease, Instant now) {
            return queue.claim(workerId, limit, lease, now);
        }

        @Override
        public boolean delivered(ClaimedDelivery job, Instant now) {
            return delivering(List.of(job), () -> queue.delivered(job, now) ? 1 : 0) == 1;
        }

        @Override
        public int delivered(List<ClaimedDelivery> jobs, Instant now) {
            return delivering(jobs, () -> queue.delivered(jobs, now));
        }

        @Override
        public boolean retryLater(ClaimedDelivery job, String error, Instant nextAttempt) {
            return queue.retryLater(job, error, nextAttempt);
        }

        @Override
        public boolean putBack(ClaimedDelivery job, String reason, Instant due) {
            putBacks.add(1);
            return queue.putBack(job, reason, due);
        }

        @Override
        public int putBack(List<ClaimedDelivery> jobs, String reason, Instant due) {
            putBacks.add(jobs.size());
            return queue.putBack(jobs, reason, due);
        }

        @Override
        public boolean giveUp(ClaimedDelivery job, String error, Instant now) {
            return queue.giveUp(job, error, now);
        }

        @Override
        public Map<JobState, Long> counts() {
            return queue.counts();
        }

        @Override
        public List<HostBacklog> backlogByHost(int limit) {
            return queue.backlogByHost(limit);
        }

        @Override
        public int purgeFinished(Instant before) {
            return queue.purgeFinished(before);
        }
    }

    @Override
    public KeyPairStore keyPairs() {
        return store.keyPairs();
    }

    @Override
    public ObjectStore objects() {
        return store.objects();
    }

    @Override
    public FollowerStore followers() {
        return store.followers();
    }

    @Override
    public FollowingStore following() {
        return store.following();
    }

    @Override
    public DeliveryStore deliveries() {
        return deliveries;
    }

    @Override
    public InboxStore inbox() {
        return store.inbox();
    }

    @Override
    public RemoteActorCache remoteActors() {
        return store.remoteActors();
    }

    @Override
    public HostHealthStore hostHealth() {
        return store.hostHealth();
    }

    @Override
    public EngagementStore engagement() {
        return store.engagement();
    }

    @Override
    public dev.herald.core.store.QuoteAuthorizationStore quoteAuthorizations() {
        return store.quoteAuthorizations();
    }

    @Override
    public int publish(StoredObject object, DeliveryBatch batch, Instant now) {
        return store.publish(object, batch, now);
    }

    @Override
    public void close() {
        store.close();
    }
}
