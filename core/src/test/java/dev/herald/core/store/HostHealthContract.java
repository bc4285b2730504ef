package dev.herald.core.store;

import static dev.herald.core.store.StoreContract.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link HostHealthStore}: consecutive failures, unavailable since the first, reset by a success. */
public interface HostHealthContract extends StoreContract {
    @Test
    default void failuresCountUpFromTheFirstAndASuccessResets() {
        HostHealth first = store().hostHealth().recordFailure("Slow.Example", at(0));
        assertThat(first.host()).isEqualTo("slow.example");
        assertThat(first.consecutiveFailures()).isEqualTo(1);
        assertThat(first.unavailableSince()).contains(at(0));

        HostHealth third = store().hostHealth().recordFailure("slow.example", at(10));
        third = store().hostHealth().recordFailure("slow.example", at(20));
        assertThat(third.consecutiveFailures()).isEqualTo(3);
        assertThat(third.unavailableSince()).contains(at(0));
        assertThat(third.lastFailure()).contains(at(20));

        HostHealth ok = store().hostHealth().recordSuccess("slow.example", at(30));
        assertThat(ok.consecutiveFailures()).isZero();
        assertThat(ok.unavailableSince()).isEmpty();
        assertThat(ok.lastSuccess()).contains(at(30));
        assertThat(ok.lastFailure()).contains(at(20));
        assertThat(store().hostHealth().find("SLOW.example")).contains(ok);
        assertThat(store().hostHealth().find("never.example")).isEmpty();
    }

    @Test
    default void failingHostsAreListedLongestUnavailableFirst() {
        store().hostHealth().recordFailure("c.example", at(30));
        store().hostHealth().recordFailure("a.example", at(10));
        store().hostHealth().recordFailure("b.example", at(10));
        store().hostHealth().recordSuccess("fine.example", at(0));
        store().hostHealth().recordFailure("back.example", at(0));
        store().hostHealth().recordSuccess("back.example", at(1));

        List<HostHealth> failing = StoreContract.all(p -> store().hostHealth().listFailing(p), 2);

        assertThat(failing).extracting(HostHealth::host).containsExactly("a.example", "b.example", "c.example");
    }

    @Test
    default void concurrentFailuresAreAllCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<HostHealth>> failures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                failures.add(() -> store().hostHealth().recordFailure("busy.example", at(0)));
            }
            for (Future<HostHealth> f : pool.invokeAll(failures)) {
                f.get();
            }
            assertThat(store().hostHealth().find("busy.example").orElseThrow().consecutiveFailures())
                    .isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void blankHostIsRefused() {
        assertThatThrownBy(() -> store().hostHealth().recordFailure(" ", at(0))).hasMessageContaining("host");
    }
}
