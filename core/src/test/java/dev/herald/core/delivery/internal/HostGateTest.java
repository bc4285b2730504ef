package dev.herald.core.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostGateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final HostGate<String> gate = new HostGate<>(2, 1, 3, Duration.ofMinutes(1));

    @Test
    void capsRequestsPerHostAndQueuesTheRest() {
        assertThat(gate.admit("a", "1", T0)).isInstanceOf(HostGate.Start.class);
        assertThat(gate.admit("a", "2", T0)).isInstanceOf(HostGate.Start.class);
        assertThat(gate.admit("b", "x", T0)).isInstanceOf(HostGate.Start.class);
        assertThat(gate.admit("a", "3", T0)).isInstanceOf(HostGate.Queued.class);
        assertThat(gate.admit("a", "4", T0)).isInstanceOf(HostGate.Full.class);
        assertThat(gate.finished("a", false, Optional.empty(), T0).next()).contains("3");
        assertThat(gate.finished("a", false, Optional.empty(), T0).next()).isEmpty();
    }

    @Test
    void opensAfterConsecutiveFailuresThenLetsOneProbeThrough() {
        for (int i = 0; i < 3; i++) {
            gate.admit("a", "j" + i, T0);
            gate.finished("a", true, Optional.empty(), T0);
        }
        assertThat(gate.admit("a", "held", T0.plusSeconds(30))).isEqualTo(new HostGate.Closed(T0.plusSeconds(60)));
        assertThat(gate.openCircuits(T0)).containsKey("a");
        Instant later = T0.plusSeconds(61);
        assertThat(gate.admit("a", "probe", later)).isInstanceOf(HostGate.Start.class);
        assertThat(gate.admit("a", "other", later)).isInstanceOf(HostGate.Closed.class);
        // The probe fails: open twice as long.
        HostGate.After<String> after = gate.finished("a", true, Optional.empty(), later);
        assertThat(after.until()).contains(later.plusSeconds(120));
        Instant probe2 = later.plusSeconds(121);
        assertThat(gate.admit("a", "probe2", probe2)).isInstanceOf(HostGate.Start.class);
        gate.finished("a", false, Optional.empty(), probe2);
        assertThat(gate.admit("a", "free", probe2)).isInstanceOf(HostGate.Start.class);
        assertThat(gate.openCircuits(probe2)).isEmpty();
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        for (int i = 0; i < 2; i++) {
            gate.admit("a", "j", T0);
            gate.finished("a", true, Optional.empty(), T0);
        }
        gate.admit("a", "ok", T0);
        gate.finished("a", false, Optional.empty(), T0);
        gate.admit("a", "j", T0);
        gate.finished("a", true, Optional.empty(), T0);
        assertThat(gate.admit("a", "next", T0)).isInstanceOf(HostGate.Start.class);
    }

    @Test
    void retryAfterPausesTheHostAndHandsBackWaitingJobs() {
        gate.admit("a", "1", T0);
        gate.admit("a", "2", T0);
        gate.admit("a", "3", T0);
        HostGate.After<String> after = gate.finished("a", false, Optional.of(T0.plusSeconds(600)), T0);
        assertThat(after.heldBack()).containsExactly("3");
        assertThat(after.until()).contains(T0.plusSeconds(600));
        assertThat(gate.admit("a", "4", T0.plusSeconds(10))).isEqualTo(new HostGate.Closed(T0.plusSeconds(600)));
    }

    @Test
    void drainReturnsEveryWaitingJob() {
        gate.admit("a", "1", T0);
        gate.admit("a", "2", T0);
        gate.admit("a", "3", T0);
        assertThat(gate.drain()).containsExactly("3");
        assertThat(gate.drain()).isEmpty();
    }
}
