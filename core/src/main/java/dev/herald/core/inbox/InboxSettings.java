package dev.herald.core.inbox;

import dev.herald.core.internal.Checks;
import java.time.Duration;

/**
 * The inbox's limits and its workers. Immutable and thread-safe; the {@link Builder} is not.
 *
 * @param maxBodyBytes the largest body accepted (413 above); default 1 MiB
 * @param requestsPerMinute how many inbox requests one remote server may make per minute, on average (429
 *     above); default 600
 * @param burst how many it may make at once; default 300
 * @param workers how many threads process stored activities; default 2
 * @param maxAttempts how many times processing an activity is tried before it is given up; default 8
 * @param lease how long a worker holds an activity it claimed; default 2 minutes
 * @param pollInterval how often idle workers look for work (they are also woken when an activity arrives);
 *     default 1 second
 * @param dedupeWindow how long processed activities are kept, and so how long a repeated activity id is
 *     recognised; default 7 days
 * @param batchDelay how long a worker woken by an arriving activity waits for others before it claims, so that
 *     busy inboxes are processed in batches (one claim and one commit of outcomes for up to 16 activities, not one
 *     each); default 5 ms, at most 1 second; zero claims at once
 */
public record InboxSettings(
        int maxBodyBytes,
        int requestsPerMinute,
        int burst,
        int workers,
        int maxAttempts,
        Duration lease,
        Duration pollInterval,
        Duration dedupeWindow,
        Duration batchDelay) {

    private static final InboxSettings DEFAULTS = builder().build();

    /** Checks the values. */
    public InboxSettings {
        if (maxBodyBytes < 1024 || maxBodyBytes > 64 << 20) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 KiB and 64 MiB, got " + maxBodyBytes);
        }
        if (requestsPerMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("requestsPerMinute and burst must be positive");
        }
        if (workers < 0 || workers > 64) {
            throw new IllegalArgumentException("workers must be 0 to 64, got " + workers);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive, got " + maxAttempts);
        }
        Checks.notNull(lease, "lease");
        Checks.notNull(pollInterval, "pollInterval");
        Checks.notNull(dedupeWindow, "dedupeWindow");
        Checks.notNull(batchDelay, "batchDelay");
        if (batchDelay.isNegative() || batchDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("batchDelay must be 0 to 1 second, got " + batchDelay);
        }
    }

    /** The defaults. */
    public static InboxSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link InboxSettings}. Not thread-safe. */
    public static final class Builder {
        private int maxBodyBytes = 1 << 20;
        private int requestsPerMinute = 600;
        private int burst = 300;
        private int workers = 2;
        private int maxAttempts = 8;
        private Duration lease = Duration.ofMinutes(2);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration dedupeWindow = Duration.ofDays(7);
        private Duration batchDelay = Duration.ofMillis(5);

        private Builder() {}

        /** Sets the largest body accepted. */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Sets the per-server rate: requests per minute on average, and at once. */
        public Builder rate(int perMinute, int atOnce) {
            this.requestsPerMinute = perMinute;
            this.burst = atOnce;
            return this;
        }

        /** Sets the number of worker threads; 0 means the application calls {@link Inbox#processDue()} itself. */
        public Builder workers(int threads) {
            this.workers = threads;
            return this;
        }

        /** Sets how many times processing is tried. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /** Sets the workers' lease. */
        public Builder lease(Duration duration) {
            this.lease = duration;
            return this;
        }

        /** Sets how often idle workers look for work. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** Sets how long processed activities are kept (the window in which a repeated id is recognised). */
        public Builder dedupeWindow(Duration window) {
            this.dedupeWindow = window;
            return this;
        }

        /** Sets how long a woken worker waits for more activities before it claims; zero for not at all. */
        public Builder batchDelay(Duration delay) {
            this.batchDelay = delay;
            return this;
        }

        /** The settings. */
        public InboxSettings build() {
            return new InboxSettings(
                    maxBodyBytes,
                    requestsPerMinute,
                    burst,
                    workers,
                    maxAttempts,
                    lease,
                    pollInterval,
                    dedupeWindow,
                    batchDelay);
        }
    }
}
