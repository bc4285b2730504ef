package dev.herald.core.store.jdbc;

import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.StoreConformance;
import dev.herald.core.store.StoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The conformance suite on {@link JdbcStore} over a real PostgreSQL; each test has its own table prefix in
 * the shared server, so it starts empty.
 */
class PostgresStoreConformanceIT implements StoreConformance {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private JdbcStore store;

    @BeforeEach
    void open() {
        store = JdbcStore.builder()
                .dataSource(EmbeddedPostgresServer.dataSource())
                .tablePrefix("conf" + TESTS.incrementAndGet() + "_")
                .purgeBatch(StoreContract.PURGE_BATCH)
                .build();
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
