package dev.herald.core.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.Lease;
import dev.herald.core.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Queue} on H2: what a claim reads. */
class QueueTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final UrlDataSource source = new UrlDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final Db db = new Db(source, Dialect.H2, "herald_");
    private final Queue queue = new Queue(db, "delivery_jobs");

    @AfterEach
    void close() {
        source.close();
    }

    @Test
    void aClaimReadsTheDueRowsNotTheFinishedOnes() throws SQLException {
        Schema.migrate(db);
        db.tx("fill the queue", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO herald_delivery_payloads"
                    + " (id, activity_id, actor, payload, created_at) VALUES (1, 'https://site.example/a', 'news', '{}',"
                    + " CURRENT_TIMESTAMP)")) {
                ps.executeUpdate();
            }
            // 5,000 jobs done (due_at NULL), then 5 due: the finished ones sort first in the due_at index.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO herald_delivery_jobs"
                    + " (payload_id, inbox, host, state, attempts, due_at, created_at, updated_at)"
                    + " SELECT 1, 'https://h' || X || '.example/inbox', 'h' || X || '.example',"
                    + " CASE WHEN X <= 5000 THEN 'DONE' ELSE 'PENDING' END, 0,"
                    + " CASE WHEN X <= 5000 THEN NULL ELSE ? END, ?, ? FROM SYSTEM_RANGE(1, 5005)")) {
                Db.setInstant(ps, 1, NOW);
                Db.setInstant(ps, 2, NOW);
                Db.setInstant(ps, 3, NOW);
                ps.executeUpdate();
            }
            return null;
        });

        long scanned = db.tx("explain the claim", c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + queue.dueRows())) {
                Db.setInstant(ps, 1, Queue.EARLIEST);
                Db.setInstant(ps, 2, NOW);
                ps.setInt(3, 100);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return scanCount(rs.getString(1));
                }
            }
        });
        assertThat(scanned).as("index entries read").isLessThanOrEqualTo(6);

        Queue.Claimed<Long> held =
                db.tx("claim", c -> queue.claim(c, "w", 100, Duration.ofMinutes(1), NOW, "id", rs -> rs.getLong(1)));
        assertThat(held.rows()).hasSize(5).isSorted();
        int claimed = db.tx("count the claimed", c -> claimed(c, held.lease()));
        assertThat(claimed).as("rows holding the claim's lease").isEqualTo(5);
    }

    private static long scanCount(String plan) {
        Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        assertThat(m.find()).as("a scan count in %s", plan).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int claimed(Connection c, Lease lease) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT COUNT(*) FROM herald_delivery_jobs WHERE lease_token = ?")) {
            ps.setString(1, lease.token());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
