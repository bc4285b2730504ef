package dev.herald.core.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} field: delay seconds or an HTTP date (RFC 9110 §10.2.3). Stateless, thread-safe. */
public final class RetryAfter {
    private RetryAfter() {}

    /** The wait {@code value} asks for at {@code now}; empty if absent or unreadable, zero if in the past. */
    public static Optional<Duration> parse(Optional<String> value, Instant now) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get().strip();
        try {
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.length() > 9 ? "999999999" : v)));
            }
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
