package dev.herald.core.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per remote server: {@code burst} requests at once, refilled at {@code perMinute}. Bounded in
 * memory (the map is dropped when it grows past 100,000 servers: a burst of forgiveness, not a leak). Thread-safe.
 */
final class RateLimiter {
    private static final int MAX_HOSTS = 100_000;

    private final double perMilli;
    private final int burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    RateLimiter(int perMinute, int burst, Clock clock) {
        this.perMilli = perMinute / 60_000.0;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one token for {@code host}; empty if it got one, else how long until the next. */
    Optional<Duration> acquire(String host) {
        if (buckets.size() > MAX_HOSTS) {
            buckets.clear();
        }
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(host, h -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMilli);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / perMilli)));
        }
    }
}
