package dev.herald.core.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void readsSecondsAndHttpDates() {
        assertThat(RetryAfter.parse(Optional.of("120"), NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(Optional.of("Sun, 22 Nov 2026 10:05:00 GMT"), NOW))
                .contains(Duration.ofMinutes(5));
        assertThat(RetryAfter.parse(Optional.of("Sun, 22 Nov 2026 09:00:00 GMT"), NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse(Optional.empty(), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("soon"), NOW)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("-5"), NOW)).isEmpty();
    }
}
