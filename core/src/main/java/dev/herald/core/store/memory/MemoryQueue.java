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

    private final Map<Long, Entry<T>> entries = new LinkedHashMap<>();
    private long nextId = 1;

    synchronized long add(T item, Instant now) {
        long id = nextId++;
        entries.put(id, new Entry<>(id, item, now));
        return id;
    }

    synchronized List<Claimed<T>> claim(String worker, int limit, Duration leaseFor, Instant now) {
        QueueLimits.checkClaim(worker, limit, leaseFor);
        Lease lease = new Lease(worker, UUID.randomUUID().toString(), now.plus(leaseFor));
        List<Entry<T>> due = new ArrayList<>();
        for (Entry<T> entry : entries.values()) {
            if (entry.due != null && !entry.due.isAfter(now)) {
                due.add(entry);
            }
        }
        due.sort(Comparator.<Entry<T>, Instant>comparing(e -> e.due).thenComparingLong(e -> e.id));
        List<Claimed<T>> claimed = new ArrayList<>();
        for (Entry<T> entry : due.subList(0, Math.min(limit, due.size()))) {
            entry.state = JobState.CLAIMED;
            entry.attempts++;
            entry.lease = lease;
            entry.due = lease.until();
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
        entry.state = state;
        entry.error = error;
        entry.due = due;
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
        entry.state = entry.attempts > 0 ? JobState.RETRY : JobState.PENDING;
        entry.error = error;
        entry.due = due;
        entry.lease = null;
        entry.updated = due;
        return true;
    }

    synchronized Map<JobState, Long> counts() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        for (Entry<T> entry : entries.values()) {
            counts.merge(entry.state, 1L, Long::sum);
        }
        return counts;
    }

    synchronized int removeIf(Predicate<Entry<T>> filter) {
        int before = entries.size();
        entries.values().removeIf(filter);
        return before - entries.size();
    }

    /** Runs {@code reader} over the entries under the queue's lock. */
    synchronized <R> R read(java.util.function.Function<java.util.Collection<Entry<T>>, R> reader) {
        return reader.apply(entries.values());
    }

    static boolean finished(JobState state) {
        return state == JobState.DONE || state == JobState.GIVEN_UP;
    }
}
