package dev.herald.core.delivery;

import dev.herald.core.internal.Checks;
import dev.herald.core.store.QueueLimits;
import dev.herald.signatures.SignatureSpec;
import java.time.Duration;

/**
 * Every limit of the {@link DeliveryEngine}, each with a default. Immutable and thread-safe; the {@link Builder} is
 * not.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>what</th></tr>
 *   <tr><td>{@code maxInFlight}</td><td>128</td><td>jobs a node works on at once (claimed, signing, sending);
 *       jobs waiting for a busy host come on top, at most {@code maxQueuedPerHost} per host</td></tr>
 *   <tr><td>{@code perHostConcurrency}</td><td>4</td><td>requests to one host at once</td></tr>
 *   <tr><td>{@code maxQueuedPerHost}</td><td>64</td><td>claimed jobs waiting for one host; more are deferred</td></tr>
 *   <tr><td>{@code claimBatch}</td><td>100</td><td>jobs one claim takes</td></tr>
 *   <tr><td>{@code lease}</td><td>5 min</td><td>how long a claim holds a job before another node may take it</td></tr>
 *   <tr><td>{@code pollInterval}</td><td>1 s</td><td>how often an idle engine looks for due jobs</td></tr>
 *   <tr><td>{@code signingThreads}</td><td>the number of cores</td><td>the CPU pool that signs</td></tr>
 *   <tr><td>{@code storeThreads}</td><td>4</td><td>threads that write outcomes to the store</td></tr>
 *   <tr><td>{@code connectTimeout}</td><td>5 s</td><td>TCP and TLS connect</td></tr>
 *   <tr><td>{@code requestTimeout}</td><td>30 s</td><td>the whole request, response included</td></tr>
 *   <tr><td>{@code maxResponseBytes}</td><td>16 KiB</td><td>response bytes read (then discarded)</td></tr>
 *   <tr><td>{@code retry}</td><td>{@link RetryPolicy#defaults()}</td><td>16 attempts over about two days</td></tr>
 *   <tr><td>{@code circuitFailures}</td><td>10</td><td>consecutive failures of a host that open its circuit</td></tr>
 *   <tr><td>{@code circuitOpen}</td><td>1 min</td><td>no requests to the host, then one probe; doubles to 1 h</td></tr>
 *   <tr><td>{@code unavailableAfter}</td><td>7 days</td><td>failing that long, a host is unavailable: its jobs are
 *       given up, one probe a day</td></tr>
 *   <tr><td>{@code rfc9421}</td><td>off</td><td>sign with RFC 9421 too, double-knocking (cavage first)</td></tr>
 *   <tr><td>{@code shutdownGrace}</td><td>10 s</td><td>how long {@code close()} lets requests finish</td></tr>
 *   <tr><td>{@code keepFinished}</td><td>7 days</td><td>how long delivered and given-up jobs stay in the store (for
 *       status and logs) before the hourly housekeeping deletes them; 1 hour to 365 days</td></tr>
 * </table>
 */
public final class DeliverySettings {
    private final int maxInFlight;
    private final int perHostConcurrency;
    private final int maxQueuedPerHost;
    private final int claimBatch;
    private final Duration lease;
    private final Duration pollInterval;
    private final int signingThreads;
    private final int storeThreads;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxResponseBytes;
    private final RetryPolicy retry;
    private final int circuitFailures;
    private final Duration circuitOpen;
    private final Duration unavailableAfter;
    private final boolean rfc9421;
    private final SignatureSpec firstKnock;
    private final Duration shutdownGrace;
    private final Duration keepFinished;
    private final String userAgent;

    private DeliverySettings(Builder b) {
        this.maxInFlight = b.maxInFlight;
        this.perHostConcurrency = b.perHostConcurrency;
        this.maxQueuedPerHost = b.maxQueuedPerHost;
        this.claimBatch = b.claimBatch;
        this.lease = b.lease;
        this.pollInterval = b.pollInterval;
        this.signingThreads = b.signingThreads;
        this.storeThreads = b.storeThreads;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.retry = b.retry;
        this.circuitFailures = b.circuitFailures;
        this.circuitOpen = b.circuitOpen;
        this.unavailableAfter = b.unavailableAfter;
        this.rfc9421 = b.rfc9421;
        this.firstKnock = b.firstKnock;
        this.shutdownGrace = b.shutdownGrace;
        this.keepFinished = b.keepFinished;
        this.userAgent = b.userAgent;
    }

    /** The defaults. */
    public static DeliverySettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Jobs a node works on at once; those waiting for a busy host ({@link #maxQueuedPerHost()}) come on top. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Requests to one host at once. */
    public int perHostConcurrency() {
        return perHostConcurrency;
    }

    /** Claimed jobs that may wait for one host; more are deferred. */
    public int maxQueuedPerHost() {
        return maxQueuedPerHost;
    }

    /** Jobs one claim takes. */
    public int claimBatch() {
        return claimBatch;
    }

    /** How long a claim holds a job. */
    public Duration lease() {
        return lease;
    }

    /** How often an idle engine looks for due jobs. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** Threads that sign. */
    public int signingThreads() {
        return signingThreads;
    }

    /** Threads that write outcomes to the store. */
    public int storeThreads() {
        return storeThreads;
    }

    /** Connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Timeout of the whole request. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Response bytes read before the rest is dropped. */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** When failed deliveries are tried again. */
    public RetryPolicy retry() {
        return retry;
    }

    /** Consecutive failures that open a host's circuit. */
    public int circuitFailures() {
        return circuitFailures;
    }

    /** How long an open circuit stays open at first. */
    public Duration circuitOpen() {
        return circuitOpen;
    }

    /** How long a host must have been failing to count as unavailable. */
    public Duration unavailableAfter() {
        return unavailableAfter;
    }

    /** Whether RFC 9421 signatures are sent too (double-knocking). */
    public boolean rfc9421() {
        return rfc9421;
    }

    /** The specification tried first with a host Herald knows nothing about, when RFC 9421 is on. */
    public SignatureSpec firstKnock() {
        return firstKnock;
    }

    /** How long {@code close()} lets requests in flight finish. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** How long finished jobs (delivered or given up) are kept before housekeeping deletes them. */
    public Duration keepFinished() {
        return keepFinished;
    }

    /** The {@code User-Agent} sent. */
    public String userAgent() {
        return userAgent;
    }

    /** Configures {@link DeliverySettings}; every setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private int maxInFlight = 128;
        private int perHostConcurrency = 4;
        private int maxQueuedPerHost = 64;
        private int claimBatch = 100;
        private Duration lease = Duration.ofMinutes(5);
        private Duration pollInterval = Duration.ofSeconds(1);
        private int signingThreads = Runtime.getRuntime().availableProcessors();
        private int storeThreads = 4;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxResponseBytes = 16 * 1024;
        private RetryPolicy retry = RetryPolicy.defaults();
        private int circuitFailures = 10;
        private Duration circuitOpen = Duration.ofMinutes(1);
        private Duration unavailableAfter = Duration.ofDays(7);
        private boolean rfc9421;
        private SignatureSpec firstKnock = SignatureSpec.DRAFT_CAVAGE_12;
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private Duration keepFinished = Duration.ofDays(7);
        private String userAgent = "Herald/0.1";

        private Builder() {}

        /** Sets how many jobs a node holds at once (1 to 10,000). */
        public Builder maxInFlight(int jobs) {
            this.maxInFlight = range(jobs, 1, 10_000, "maxInFlight");
            return this;
        }

        /** Sets how many requests go to one host at once (1 to 1,000). */
        public Builder perHostConcurrency(int requests) {
            this.perHostConcurrency = range(requests, 1, 1000, "perHostConcurrency");
            return this;
        }

        /** Sets how many claimed jobs may wait for one host (1 to 10,000). */
        public Builder maxQueuedPerHost(int jobs) {
            this.maxQueuedPerHost = range(jobs, 1, 10_000, "maxQueuedPerHost");
            return this;
        }

        /** Sets how many jobs one claim takes (1 to {@value QueueLimits#MAX_CLAIM}). */
        public Builder claimBatch(int jobs) {
            this.claimBatch = range(jobs, 1, QueueLimits.MAX_CLAIM, "claimBatch");
            return this;
        }

        /** Sets the lease: longer than the request timeout, at most a day. */
        public Builder lease(Duration hold) {
            this.lease = positive(hold, "lease");
            if (hold.compareTo(QueueLimits.MAX_LEASE) > 0) {
                throw new IllegalArgumentException("lease must be at most " + QueueLimits.MAX_LEASE + ", got " + hold);
            }
            return this;
        }

        /** Sets how often an idle engine polls. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /** Sets the size of the signing pool (1 to 256). */
        public Builder signingThreads(int threads) {
            this.signingThreads = range(threads, 1, 256, "signingThreads");
            return this;
        }

        /** Sets how many threads write outcomes to the store (1 to 64); a JDBC store waits on commits there. */
        public Builder storeThreads(int threads) {
            this.storeThreads = range(threads, 1, 64, "storeThreads");
            return this;
        }

        /** Sets the connect timeout. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Sets the timeout of the whole request. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Sets how many response bytes are read (0 to 1 MiB); the rest is dropped. */
        public Builder maxResponseBytes(int bytes) {
            this.maxResponseBytes = range(bytes, 0, 1 << 20, "maxResponseBytes");
            return this;
        }

        /** Sets the retry schedule. */
        public Builder retry(RetryPolicy policy) {
            this.retry = Checks.notNull(policy, "retry");
            return this;
        }

        /** Sets how many consecutive failures open a host's circuit (1 to 1,000). */
        public Builder circuitFailures(int failures) {
            this.circuitFailures = range(failures, 1, 1000, "circuitFailures");
            return this;
        }

        /** Sets how long an open circuit stays open before a probe (it doubles, up to an hour, while probes fail). */
        public Builder circuitOpen(Duration open) {
            this.circuitOpen = positive(open, "circuitOpen");
            return this;
        }

        /** Sets how long a host must have been failing to be unavailable. */
        public Builder unavailableAfter(Duration failing) {
            this.unavailableAfter = positive(failing, "unavailableAfter");
            return this;
        }

        /**
         * Sends RFC 9421 signatures too: each host gets {@code firstKnock} first, the other on 400, 401, 403, 404 or
         * 410, and what worked is remembered per host. Off by default (draft-cavage only, what every server reads).
         */
        public Builder rfc9421(boolean enabled, SignatureSpec first) {
            this.rfc9421 = enabled;
            this.firstKnock = Checks.notNull(first, "firstKnock");
            return this;
        }

        /** Sets how long {@code close()} lets requests finish before releasing their jobs. */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Checks.notNull(grace, "shutdownGrace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative, got " + grace);
            }
            return this;
        }

        /**
         * Sets how long finished jobs (delivered or given up) stay in the store before the engine's hourly
         * housekeeping deletes them: 1 hour to 365 days, default 7 days.
         */
        public Builder keepFinished(Duration keep) {
            Checks.notNull(keep, "keepFinished");
            if (keep.compareTo(Duration.ofHours(1)) < 0 || keep.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException("keepFinished must be between 1 hour and 365 days, got " + keep);
            }
            this.keepFinished = keep;
            return this;
        }

        /** Sets the {@code User-Agent}. */
        public Builder userAgent(String agent) {
            this.userAgent = Checks.notBlank(agent, "userAgent");
            return this;
        }

        /** The settings; the lease must outlast the request timeout. */
        public DeliverySettings build() {
            if (lease.compareTo(requestTimeout.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("lease (" + lease + ") must be at least twice the requestTimeout ("
                        + requestTimeout + "), or jobs would be claimed again while still in flight");
            }
            return new DeliverySettings(this);
        }

        private static int range(int value, int min, int max, String name) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }

        private static Duration positive(Duration d, String name) {
            Checks.notNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
