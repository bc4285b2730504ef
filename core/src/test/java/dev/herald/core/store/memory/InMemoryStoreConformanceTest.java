package dev.herald.core.store.memory;

import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.StoreConformance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The conformance suite on {@link InMemoryStore}. */
class InMemoryStoreConformanceTest implements StoreConformance {
    private InMemoryStore store;

    @BeforeEach
    void open() {
        store = new InMemoryStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public HeraldStore store() {
        return store;
    }
}
