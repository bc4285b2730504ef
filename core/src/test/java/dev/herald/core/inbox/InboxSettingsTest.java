package dev.herald.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InboxSettingsTest {
    @Test
    void batchDelayDefaultsToFiveMillisecondsAndIsBounded() {
        assertThat(InboxSettings.defaults().batchDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(InboxSettings.builder().batchDelay(Duration.ZERO).build().batchDelay())
                .isZero();
        assertThat(InboxSettings.builder()
                        .batchDelay(Duration.ofSeconds(1))
                        .build()
                        .batchDelay())
                .isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> InboxSettings.builder()
                        .batchDelay(Duration.ofMillis(1001))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchDelay must be 0 to 1 second");
        assertThatThrownBy(() -> InboxSettings.builder()
                        .batchDelay(Duration.ofMillis(-1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InboxSettings.builder().batchDelay(null).build())
                .isInstanceOf(NullPointerException.class);
    }
}
