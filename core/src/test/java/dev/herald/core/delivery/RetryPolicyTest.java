package dev.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.defaults();

    @Test
    void theDefaultScheduleIsMastodons() {
        assertThat(policy.maxAttempts()).isEqualTo(16);
        assertThat(policy.baseDelay(1)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.baseDelay(2)).isEqualTo(Duration.ofSeconds(31));
        assertThat(policy.baseDelay(4)).isEqualTo(Duration.ofSeconds(271));
        assertThat(policy.baseDelay(15)).isEqualTo(Duration.ofSeconds(50_640));
    }

    @Test
    void retriesSpanAboutTwoDays() {
        assertThat(policy.totalSpan()).isBetween(Duration.ofHours(48), Duration.ofHours(52));
    }

    @Test
    void theLastAttemptIsNotRetried() {
        assertThat(policy.retries(15)).isTrue();
        assertThat(policy.retries(16)).isFalse();
    }

    @Test
    void jitterAddsAtMostHalf() {
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            Duration d = policy.delay(3, Duration.ZERO, random);
            assertThat(d).isBetween(Duration.ofSeconds(96), Duration.ofSeconds(144));
        }
    }

    @Test
    void retryAfterWinsWhenLongerButIsCapped() {
        Random random = new Random(1);
        assertThat(policy.delay(1, Duration.ofHours(2), random)).isEqualTo(Duration.ofHours(2));
        assertThat(policy.delay(1, Duration.ofDays(30), random)).isEqualTo(Duration.ofDays(1));
        assertThat(policy.delay(10, Duration.ofSeconds(5), random)).isGreaterThan(Duration.ofHours(2));
    }

    @Test
    void checksItsParts() {
        assertThatThrownBy(() -> new RetryPolicy(0, 4, Duration.ZERO, 0, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, 4, Duration.ZERO, 2, Duration.ZERO))
                .hasMessageContaining("jitter");
    }
}
