package dev.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.signatures.SignatureSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        DeliverySettings d = DeliverySettings.defaults();
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.perHostConcurrency()).isEqualTo(4);
        assertThat(d.lease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.rfc9421()).isFalse();
        assertThat(d.firstKnock()).isEqualTo(SignatureSpec.DRAFT_CAVAGE_12);
        assertThat(d.signingThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(d.retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(d.keepFinished()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void keepFinishedIsBetweenAnHourAndAYear() {
        assertThat(DeliverySettings.builder()
                        .keepFinished(Duration.ofHours(1))
                        .build()
                        .keepFinished())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> DeliverySettings.builder().keepFinished(Duration.ofMinutes(59)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keepFinished must be between 1 hour and 365 days");
        assertThat(DeliverySettings.builder()
                        .keepFinished(Duration.ofDays(365))
                        .build()
                        .keepFinished())
                .isEqualTo(Duration.ofDays(365));
        assertThatThrownBy(() -> DeliverySettings.builder().keepFinished(Duration.ofDays(366)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keepFinished must be between 1 hour and 365 days, got PT8784H");
        assertThatThrownBy(() -> DeliverySettings.builder().keepFinished(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("keepFinished");
    }

    @Test
    void aLeaseShorterThanTwoRequestsIsRefused() {
        assertThatThrownBy(() -> DeliverySettings.builder()
                        .requestTimeout(Duration.ofSeconds(30))
                        .lease(Duration.ofSeconds(40))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease");
    }

    @Test
    void limitsNameTheSetting() {
        assertThatThrownBy(() -> DeliverySettings.builder().perHostConcurrency(0))
                .hasMessageContaining("perHostConcurrency");
        assertThatThrownBy(() -> DeliverySettings.builder().claimBatch(5000)).hasMessageContaining("claimBatch");
        assertThatThrownBy(() -> DeliverySettings.builder().requestTimeout(Duration.ZERO))
                .hasMessageContaining("requestTimeout");
    }
}
