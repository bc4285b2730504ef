package dev.herald.core.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link UrlDataSource}: connections kept open between operations, only when they are clean. */
class UrlDataSourceTest {
    private final UrlDataSource source = new UrlDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

    private static Connection physical(Connection pooled) throws SQLException {
        return pooled.unwrap(org.h2.jdbc.JdbcConnection.class);
    }

    @Test
    void aConnectionHandedBackIsReused() throws SQLException {
        Connection first;
        try (Connection c = source.getConnection()) {
            first = physical(c);
        }
        try (Connection c = source.getConnection()) {
            assertThat(physical(c)).isSameAs(first);
            assertThat(c.isClosed()).isFalse();
        }
        source.close();
        assertThat(first.isClosed()).isTrue();
    }

    @Test
    void aHandedBackViewCannotBeUsedAgain() throws SQLException {
        Connection c = source.getConnection();
        c.close();
        c.close(); // idempotent
        assertThat(c.isClosed()).isTrue();
        assertThatThrownBy(c::createStatement).hasMessageContaining("handed back");
    }

    @Test
    void aConnectionLeftInATransactionIsClosedNotReused() throws SQLException {
        Connection dirty;
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            dirty = physical(c);
        }
        assertThat(dirty.isClosed()).isTrue();
        try (Connection c = source.getConnection()) {
            assertThat(physical(c)).isNotSameAs(dirty);
        }
    }

    @Test
    void atMostMaxIdleAreKeptAndClosingRefusesMore() throws SQLException {
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < UrlDataSource.MAX_IDLE + 3; i++) {
            open.add(source.getConnection());
        }
        List<Connection> physical = new ArrayList<>();
        for (Connection c : open) {
            physical.add(physical(c));
            c.close();
        }
        assertThat(physical.stream().filter(p -> {
                    try {
                        return !p.isClosed();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .hasSize(UrlDataSource.MAX_IDLE);

        source.close();
        assertThatThrownBy(source::getConnection).hasMessageContaining("closed");
    }
}
