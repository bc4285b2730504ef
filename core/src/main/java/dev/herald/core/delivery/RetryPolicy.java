package dev.herald.core.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again. The default follows Mastodon: after attempt {@code n} the next comes
 * {@code n⁴ + 15} seconds later plus up to 50 % jitter, 16 attempts in all, so a host that is down for about two
 * days still gets the post once it is back:
 *
 * <table>
 *   <caption>The default schedule (before jitter)</caption>
 *   <tr><th>after attempt</th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th><th>6</th><th>8</th><th>10</th>
 *       <th>12</th><th>15</th></tr>
 *   <tr><td>wait</td><td>16 s</td><td>31 s</td><td>96 s</td><td>4.5 min</td><td>10.7 min</td><td>21.8 min</td>
 *       <td>68 min</td><td>2.8 h</td><td>5.8 h</td><td>14.1 h</td></tr>
 * </table>
 *
 * <p>The waits add up to about 2.1 days (up to 3.1 with jitter). A {@code Retry-After} answer is honoured when it
 * asks for a longer wait, up to {@link #maxRetryAfter()}. Immutable and thread-safe.
 *
 * @param maxAttempts attempts in all, the first included; the job is given up after the last
 * @param exponent the power of the attempt number
 * @param base seconds added to each wait
 * @param jitter the largest random extra, as a fraction of the wait
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 */
public record RetryPolicy(int maxAttempts, int exponent, Duration base, double jitter, Duration maxRetryAfter) {
    /** Checks the parts. */
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100, got " + maxAttempts);
        }
        if (exponent < 0 || exponent > 8) {
            throw new IllegalArgumentException("exponent must be between 0 and 8, got " + exponent);
        }
        if (base == null || base.isNegative()) {
            throw new IllegalArgumentException("base must not be negative, got " + base);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative, got " + maxRetryAfter);
        }
    }

    /** Mastodon's schedule: 16 attempts, {@code n⁴ + 15} s plus up to 50 %, {@code Retry-After} up to a day. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(16, 4, Duration.ofSeconds(15), 0.5, Duration.ofDays(1));
    }

    /** Whether a job that failed on attempt {@code attempt} is tried again. */
    public boolean retries(int attempt) {
        return attempt < maxAttempts;
    }

    /** The wait after failed attempt {@code attempt} (1 for the first), without jitter. */
    public Duration baseDelay(int attempt) {
        long n = Math.max(1, attempt);
        long seconds = 1;
        for (int i = 0; i < exponent; i++) {
            seconds *= n;
        }
        return base.plusSeconds(exponent == 0 ? 0 : seconds);
    }

    /** The wait after failed attempt {@code attempt}, with jitter, at least {@code retryAfter} (capped). */
    public Duration delay(int attempt, Duration retryAfter, RandomGenerator random) {
        Duration d = baseDelay(attempt);
        long extra = (long) (d.toMillis() * jitter * random.nextDouble());
        d = d.plusMillis(extra);
        Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        return asked.compareTo(d) > 0 ? asked : d;
    }

    /** The sum of the waits before the last attempt, without jitter. */
    public Duration totalSpan() {
        Duration total = Duration.ZERO;
        for (int a = 1; a < maxAttempts; a++) {
            total = total.plus(baseDelay(a));
        }
        return total;
    }
}
