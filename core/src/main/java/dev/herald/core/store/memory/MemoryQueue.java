package dev.herald.core.store.memory;

import dev.herald.core.store.JobState;
import dev.herald.core.store.Lease;
import dev.herald.core.store.QueueLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A job queue in memory with the claim-under-lease protocol of the store SPI. Thread-safe: every method is
 * synchronized.
 */
final class MemoryQueue<T> {
    /** One queued job. Guarded by the queue's lock. */
    static final class Entry<T> {
        final long id;
        final T item;
        JobState state = JobState.PENDING;
        int attempts;
        Instant due;
        Lease lease;
        String error;
        Instant updated;

        Entry(long id, T item, Instant now) {
            this.id = id;
            this.item = item;
            this.due = now;
            this.updated = now;
        }
    }

    /** A claimed job as handed out. */
    record Claimed<T>(long id, T item, int attempt, Lease lease) {}

    private static final Comparator<Entry<?>> BY_DUE =
            Comparator.<Entry<?>, Instant>comparing(e -> e.due).thenComparingLong(e -> e.id);

    private final Map<Long, Entry<T>> entries = new LinkedHashMap<>();
    /** The entries with a due time, soonest first: a claim reads only the head, never the finished jobs. */
    private final TreeSet<Entry<T>> schedule = new TreeSet<>(BY_DUE);

    private final Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    private long nextId = 1;

    MemoryQueue() {
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
    }

    synchronized long add(T item, Instant now) {
        long id = nextId++;
        Entry<T> entry = new Entry<>(id, item, now);
        entries.put(id, entry);
        schedule.add(entry);
        counts.merge(entry.state, 1L, Long::sum);
        return id;
    }

    synchronized List<Claimed<T>> claim(String worker, int limit, Duration leaseFor, Instant now) {
        QueueLimits.checkClaim(worker, limit, leaseFor);
        Lease lease = new Lease(worker, UUID.randomUUID().toString(), now.plus(leaseFor));
        List<Entry<T>> due = new ArrayList<>();
        for (Entry<T> entry : schedule) {
            if (due.size() == limit || entry.due.isAfter(now)) {
                break;
            }
            due.add(entry);
        }
        List<Claimed<T>> claimed = new ArrayList<>();
        for (Entry<T> entry : due) {
            move(entry, JobState.CLAIMED, lease.until());
            entry.attempts++;
            entry.lease = lease;
            entry.updated = now;
            claimed.add(new Claimed<>(entry.id, entry.item, entry.attempts, lease));
        }
        return claimed;
    }

    /** Ends or reschedules a claimed job if {@code lease} still holds it. */
    synchronized boolean report(long id, Lease lease, JobState state, String error, Instant due, Instant now) {
        Entry<T> entry = entries.get(id);
        if (entry == null
                || entry.state != JobState.CLAIMED
                || !entry.lease.token().equals(lease.token())) {
            return false;
        }
        move(entry, state, due);
        entry.error = error;
        entry.lease = null;
        entry.updated = now;
        return true;
    }

    /** Puts a claimed job back unsent if {@code lease} still holds it, taking back the attempt its claim counted. */
    synchronized boolean putBack(long id, Lease lease, String error, Instant due) {
        Entry<T> entry = entries.get(id);
        if (entry == null
                || entry.state != JobState.CLAIMED
                || !entry.lease.token().equals(lease.token())) {
            return false;
        }
        entry.attempts = Math.max(0, entry.attempts - 1);
        move(entry, entry.attempts > 0 ? JobState.RETRY : JobState.PENDING, due);
        entry.error = error;
        entry.lease = null;
        entry.updated = due;
        return true;
    }

    /** Changes an entry's state and due time, keeping the schedule and the counts in step. */
    private void move(Entry<T> entry, JobState state, Instant due) {
        if (entry.due != null) {
            schedule.remove(entry);
        }
        counts.merge(entry.state, -1L, Long::sum);
        entry.state = state;
        entry.due = due;
        counts.merge(state, 1L, Long::sum);
        if (due != null) {
            schedule.add(entry);
        }
    }

    synchronized Map<JobState, Long> counts() {
        return new EnumMap<>(counts);
    }

    synchronized int removeIf(Predicate<Entry<T>> filter) {
        int removed = 0;
        for (var it = entries.values().iterator(); it.hasNext(); ) {
            Entry<T> entry = it.next();
            if (filter.test(entry)) {
                it.remove();
                if (entry.due != null) {
                    schedule.remove(entry);
                }
                counts.merge(entry.state, -1L, Long::sum);
                removed++;
            }
        }
        return removed;
    }

    /** Runs {@code reader} over the entries under the queue's lock. */
    synchronized <R> R read(java.util.function.Function<java.util.Collection<Entry<T>>, R> reader) {
        return reader.apply(java.util.Collections.unmodifiableCollection(entries.values()));
    }

    static boolean finished(JobState state) {
        return state == JobState.DONE || state == JobState.GIVEN_UP;
    }
}
