package dev.herald.core.store.jdbc;

import dev.herald.core.store.jdbc.internal.UrlDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A private in-memory H2 database per test: it lives while its anchor connection is open. Not thread-safe
 * (one per test).
 */
final class H2Databases implements AutoCloseable {
    private final DataSource dataSource;
    private final Connection anchor;

    H2Databases() {
        dataSource = new UrlDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000");
        try {
            anchor = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        anchor.close();
    }
}
