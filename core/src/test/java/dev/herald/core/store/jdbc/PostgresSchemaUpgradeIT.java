package dev.herald.core.store.jdbc;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Schema upgrades on a real PostgreSQL. */
class PostgresSchemaUpgradeIT extends SchemaUpgradeContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @Override
    DataSource dataSource() {
        return EmbeddedPostgresServer.dataSource();
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    String freshPrefix() {
        return "up" + PREFIXES.incrementAndGet() + "_";
    }
}
