package dev.herald.core.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-host admission for the delivery engine: at most {@code perHost} requests to a host at once, the rest waiting
 * (up to {@code maxQueued}), and a circuit breaker. After {@code failures} consecutive failures the circuit opens:
 * no requests for {@code open}; then one probe goes out. A failed probe opens it again for twice as long (up to an
 * hour); a host that answers closes it. A {@code Retry-After} pauses the host the same way without counting as a
 * failure. Thread-safe: each host's state is guarded by its own lock.
 *
 * @param <T> the job type
 */
public final class HostGate<T> {
    private static final Duration MAX_OPEN = Duration.ofHours(1);

    private final int perHost;
    private final int maxQueued;
    private final int failures;
    private final Duration open;
    private final Map<String, Host<T>> hosts = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    /** How a job was admitted. */
    public sealed interface Admission {}

    /** Send it now. */
    public record Start() implements Admission {}

    /** It waits for a slot; {@link HostGate#finished} hands it out. */
    public record Queued() implements Admission {}

    /** The host's queue is full: reschedule it. */
    public record Full() implements Admission {}

    /**
     * The host's circuit is open (or a probe is out): reschedule it.
     *
     * @param until when requests may go again
     */
    public record Closed(Instant until) implements Admission {}

    /**
     * What to do after a request ended.
     *
     * @param next the next waiting job to start, if any
     * @param heldBack waiting jobs to reschedule, because the circuit just opened
     * @param until when the circuit lets requests through again, if it is open
     */
    public record After<T>(Optional<T> next, List<T> heldBack, Optional<Instant> until) {}

    private static final class Host<T> {
        int active;
        final Deque<T> waiting = new ArrayDeque<>();
        int consecutiveFailures;
        Instant openUntil;
        Duration openFor;
        boolean probing;
    }

    /**
     * @param perHost requests to one host at once
     * @param maxQueued jobs that may wait for one host
     * @param failures consecutive failures that open the circuit
     * @param open how long it stays open at first
     */
    public HostGate(int perHost, int maxQueued, int failures, Duration open) {
        this.perHost = perHost;
        this.maxQueued = maxQueued;
        this.failures = failures;
        this.open = open;
    }

    /** Admits {@code job} for {@code host}. */
    public Admission admit(String host, T job, Instant now) {
        Host<T> h = hosts.computeIfAbsent(host, k -> new Host<>());
        synchronized (h) {
            if (h.openUntil != null) {
                if (now.isBefore(h.openUntil) || h.probing) {
                    Instant until = now.isBefore(h.openUntil) ? h.openUntil : now.plus(open);
                    return new Closed(until);
                }
                // Half open: this job is the probe.
                h.probing = true;
                h.active++;
                return new Start();
            }
            if (h.active < perHost) {
                h.active++;
                return new Start();
            }
            if (h.waiting.size() < maxQueued) {
                h.waiting.add(job);
                waiting.incrementAndGet();
                return new Queued();
            }
            return new Full();
        }
    }

    /**
     * Records that a request to {@code host} ended.
     *
     * @param failed whether it counts as a failure of the host (5xx, timeout, connection error)
     * @param pauseUntil a {@code Retry-After}: no requests before then
     */
    public After<T> finished(String host, boolean failed, Optional<Instant> pauseUntil, Instant now) {
        Host<T> h = hosts.computeIfAbsent(host, k -> new Host<>());
        synchronized (h) {
            h.active = Math.max(0, h.active - 1);
            boolean wasProbe = h.probing;
            h.probing = false;
            if (failed) {
                h.consecutiveFailures++;
                if (wasProbe) {
                    h.openFor = min(h.openFor == null ? open : h.openFor.multipliedBy(2), MAX_OPEN);
                    h.openUntil = now.plus(h.openFor);
                } else if (h.consecutiveFailures >= failures && h.openUntil == null) {
                    h.openFor = open;
                    h.openUntil = now.plus(open);
                }
            } else {
                h.consecutiveFailures = 0;
                h.openUntil = null;
                h.openFor = null;
            }
            if (pauseUntil.isPresent() && pauseUntil.get().isAfter(now)) {
                if (h.openUntil == null || h.openUntil.isBefore(pauseUntil.get())) {
                    h.openUntil = pauseUntil.get();
                }
            }
            if (h.openUntil != null && now.isBefore(h.openUntil)) {
                List<T> held = new ArrayList<>(h.waiting);
                h.waiting.clear();
                waiting.addAndGet(-held.size());
                return new After<>(Optional.empty(), held, Optional.of(h.openUntil));
            }
            T next = h.waiting.poll();
            if (next != null) {
                waiting.decrementAndGet();
                h.active++;
            }
            return new After<>(Optional.ofNullable(next), List.of(), Optional.empty());
        }
    }

    /** Removes and returns every waiting job (at shutdown). */
    public List<T> drain() {
        List<T> all = new ArrayList<>();
        for (Host<T> h : hosts.values()) {
            synchronized (h) {
                all.addAll(h.waiting);
                waiting.addAndGet(-h.waiting.size());
                h.waiting.clear();
            }
        }
        return all;
    }

    /** How many jobs wait in the hosts' queues (admitted as {@link Queued}, not yet handed out or held back). */
    public int waiting() {
        return waiting.get();
    }

    /** The hosts whose circuit is open at {@code now}, with when it lets requests through again. */
    public Map<String, Instant> openCircuits(Instant now) {
        Map<String, Instant> out = new TreeMap<>();
        hosts.forEach((name, h) -> {
            synchronized (h) {
                if (h.openUntil != null && now.isBefore(h.openUntil)) {
                    out.put(name, h.openUntil);
                }
            }
        });
        return out;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
