package dev.herald.core.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.store.StoreException;
import dev.herald.core.store.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Db} on H2: deleting in batches. */
class DbTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final UrlDataSource source = new UrlDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final Db db = new Db(source, Dialect.H2, "t_");

    @BeforeEach
    void rows() {
        // Ids 1 to 10 old, 11 new; 13 old, 15 old; a row that refers to 8, so that 8 cannot be deleted.
        update("CREATE TABLE t_rows (id BIGINT PRIMARY KEY, ts TIMESTAMP WITH TIME ZONE NOT NULL)");
        update("CREATE TABLE t_refs (row_id BIGINT NOT NULL REFERENCES t_rows (id))");
        update("INSERT INTO t_rows SELECT X, ? FROM SYSTEM_RANGE(1, 10)", NOW.minusSeconds(60));
        update("INSERT INTO t_rows VALUES (11, ?)", NOW.plusSeconds(60));
        update("INSERT INTO t_rows VALUES (13, ?), (15, ?)", NOW.minusSeconds(60), NOW.minusSeconds(60));
        update("INSERT INTO t_refs VALUES (8)");
    }

    @AfterEach
    void close() {
        source.close();
    }

    @Test
    void eachBatchIsItsOwnTransactionInIdOrder() {
        // Windows of three rows: 1-3 and 4-6 are committed, 7-9 fails on the row that refers to 8.
        assertThatThrownBy(() -> db.deleteInBatches("purge", "t_rows", "x.ts < ?", NOW, 3))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("could not purge");
        assertThat(ids()).containsExactly(7L, 8L, 9L, 10L, 11L, 13L, 15L);

        update("DELETE FROM t_refs");
        // 7-9, then 10 and 13 of 10, 11 and 13, then 15, alone: the last window.
        assertThat(db.deleteInBatches("purge", "t_rows", "x.ts < ?", NOW, 3)).isEqualTo(6);
        assertThat(ids()).containsExactly(11L);
    }

    @Test
    void aWindowOfFewerRowsThanTheBatchIsTheLast() {
        update("DELETE FROM t_refs");
        assertThat(db.deleteInBatches("purge", "t_rows", "x.ts < ?", NOW, 100)).isEqualTo(12);
        assertThat(db.deleteInBatches("purge", "t_rows", "x.ts < ?", NOW, 1)).isZero();
        assertThat(ids()).containsExactly(11L);
    }

    private void update(String sql, Instant... instants) {
        db.tx("set up", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < instants.length; i++) {
                    Db.setInstant(ps, i + 1, instants[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private List<Long> ids() {
        return db.tx("read ids", c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t_rows ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }
}
