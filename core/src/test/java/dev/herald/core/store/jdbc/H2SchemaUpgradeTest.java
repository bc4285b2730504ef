package dev.herald.core.store.jdbc;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Schema upgrades on H2. */
class H2SchemaUpgradeTest extends SchemaUpgradeContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private H2Databases database;

    @BeforeEach
    void open() {
        database = new H2Databases();
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    @Override
    DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    String freshPrefix() {
        return "up" + PREFIXES.incrementAndGet() + "_";
    }
}
