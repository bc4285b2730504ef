package dev.herald.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link KeyPairStore}: generated once, kept, the same for every racer. */
public interface KeyPairContract extends StoreContract {
    private static StoredKeyPair pair(String actor, int n) {
        return new StoredKeyPair(actor, "PRIVATE " + n, "PUBLIC " + n, StoreContract.at(n));
    }

    @Test
    default void keyPairIsAbsentUntilCreated() {
        assertThat(store().keyPairs().find("news")).isEmpty();
    }

    @Test
    default void keyPairIsGeneratedOnceAndKept() {
        AtomicInteger generated = new AtomicInteger();
        StoredKeyPair first = store().keyPairs().findOrCreate("news", () -> pair("news", generated.incrementAndGet()));
        StoredKeyPair second = store().keyPairs().findOrCreate("news", () -> pair("news", generated.incrementAndGet()));

        assertThat(generated).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(store().keyPairs().find("news")).contains(first);
        assertThat(first.privateKeyPem()).isEqualTo("PRIVATE 1");
        assertThat(first.toString()).doesNotContain("PRIVATE");
    }

    @Test
    default void racersOnFirstStartAllGetTheSamePair() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<StoredKeyPair>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                racers.add(() -> store().keyPairs().findOrCreate("instance", () -> pair("instance", n)));
            }
            List<StoredKeyPair> results = new ArrayList<>();
            for (Future<StoredKeyPair> f : pool.invokeAll(racers)) {
                results.add(f.get());
            }
            assertThat(results).allSatisfy(p -> assertThat(p).isEqualTo(results.get(0)));
            assertThat(store().keyPairs().find("instance")).contains(results.get(0));
        } finally {
            pool.shutdownNow();
        }
    }
}
