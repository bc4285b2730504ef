package dev.herald.core.store.jdbc;

import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.StoreConformance;
import dev.herald.core.store.StoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The conformance suite on {@link JdbcStore} over H2, a fresh in-memory database per test. */
class H2StoreConformanceTest implements StoreConformance {
    private H2Databases database;
    private JdbcStore store;

    @BeforeEach
    void open() {
        database = new H2Databases();
        store = JdbcStore.builder()
                .dataSource(database.dataSource())
                .purgeBatch(StoreContract.PURGE_BATCH)
                .build();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        database.close();
    }

    @Override
    public HeraldStore store() {
        return store;
    }
}
