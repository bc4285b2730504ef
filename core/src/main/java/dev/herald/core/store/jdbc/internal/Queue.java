package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.JobState;
import dev.herald.core.store.Lease;
import dev.herald.core.store.QueueLimits;
import dev.herald.core.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The claim-under-lease protocol on a table with the queue columns ({@code state, attempts, due_at,
 * lease_owner, lease_token, last_error, updated_at}). {@code due_at} is when a row may next be claimed: the
 * next attempt while pending or retrying, the lease's end while claimed, NULL once finished; so "due" is one
 * indexed range scan. Thread-safe.
 *
 * <p>PostgreSQL: the rows to claim are picked with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers
 * on any number of nodes take disjoint rows without waiting on each other. H2: claims are serialized by a
 * lock in this object (one node), and every claimed row is re-checked as due in the UPDATE itself.
 */
final class Queue {
    /**
     * No row is due before this: the lower bound of the claim's range scan. Every {@code due_at} a store writes is
     * a caller's clock reading or derived from one.
     */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private final Db db;
    private final String table;
    private final ReentrantLock h2Claims = new ReentrantLock();

    Queue(Db db, String table) {
        this.db = db;
        this.table = db.t(table);
    }

    /** The claimed rows of one claim, in id order, and the lease they are held under. */
    record Claimed<T>(Lease lease, List<T> rows) {}

    /**
     * Claims up to {@code limit} due rows for {@code worker} in the caller's transaction, under a new lease, and
     * reads {@code columns} (which must include {@code id}, first) of the claimed rows as the claim's own statement
     * returns them ({@code RETURNING} on PostgreSQL, a {@code FINAL TABLE} on H2): no second look-up by the lease's
     * token, so the token needs no index that every claim and every report would have to update.
     */
    <T> Claimed<T> claim(
            Connection c,
            String worker,
            int limit,
            Duration leaseFor,
            Instant now,
            String columns,
            Pages.RowReader<T> reader)
            throws SQLException {
        QueueLimits.checkClaim(worker, limit, leaseFor);
        Lease lease = new Lease(worker, UUID.randomUUID().toString(), now.plus(leaseFor));
        boolean pg = db.dialect() == Dialect.POSTGRESQL;
        String update = "UPDATE " + table + " SET state = ?, attempts = attempts + 1, lease_owner = ?, lease_token = ?,"
                + " due_at = ?, updated_at = ? WHERE id IN (" + dueRows() + (pg ? " FOR UPDATE SKIP LOCKED" : "")
                + ") AND due_at <= ?";
        String sql = pg ? update + " RETURNING " + columns : "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
        List<Map.Entry<Long, T>> rows = new ArrayList<>();
        if (!pg) {
            h2Claims.lock();
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, JobState.CLAIMED.name());
            ps.setString(2, worker);
            ps.setString(3, lease.token());
            Db.setInstant(ps, 4, lease.until());
            Db.setInstant(ps, 5, now);
            Db.setInstant(ps, 6, EARLIEST);
            Db.setInstant(ps, 7, now);
            ps.setInt(8, limit);
            Db.setInstant(ps, 9, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(Map.entry(rs.getLong(1), reader.read(rs)));
                }
            }
            if (!pg) {
                // Commit before the lock is released, so the next claimer sees these rows claimed.
                db.commit(c);
            }
        } finally {
            if (!pg) {
                h2Claims.unlock();
            }
        }
        rows.sort(Map.Entry.comparingByKey());
        List<T> claimed = new ArrayList<>(rows.size());
        for (Map.Entry<Long, T> row : rows) {
            claimed.add(row.getValue());
        }
        return new Claimed<>(lease, claimed);
    }

    /**
     * The ids of the oldest due rows: parameters {@link #EARLIEST}, now, the limit. The lower bound keeps the index
     * range scan to rows that can be due: H2 sorts NULLs first in an index, so from {@code due_at <= now} alone it
     * starts at the finished rows (due_at NULL) and reads every one of them, on every claim.
     */
    String dueRows() {
        return "SELECT id FROM " + table + " WHERE due_at >= ? AND due_at <= ? ORDER BY due_at, id LIMIT ?";
    }

    /**
     * Ends or reschedules a claimed row if {@code lease} still holds it: false if the lease expired and
     * another worker claimed the row (or it was already reported).
     */
    boolean report(Connection c, long id, Lease lease, JobState state, String error, Instant due, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state = ?, last_error = ?,"
                + " due_at = ?, lease_owner = NULL, lease_token = NULL, updated_at = ?"
                + " WHERE id = ? AND lease_token = ? AND state = ?")) {
            ps.setString(1, state.name());
            if (error == null) {
                ps.setNull(2, Types.VARCHAR);
            } else {
                ps.setString(2, error);
            }
            if (due == null) {
                ps.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                Db.setInstant(ps, 3, due);
            }
            Db.setInstant(ps, 4, now);
            ps.setLong(5, id);
            ps.setString(6, lease.token());
            ps.setString(7, JobState.CLAIMED.name());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Puts a claimed row back unsent if {@code lease} still holds it, due at {@code due}, taking back the attempt its
     * claim counted: retrying if it had been attempted before, pending if not.
     */
    boolean putBack(Connection c, long id, Lease lease, String error, Instant due, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(putBackSql())) {
            bindPutBack(ps, id, lease, error, due, now);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Puts the claimed rows of {@code jobs} back as {@link #putBack(Connection, long, Lease, String, Instant,
     * Instant)} does, due at {@code due}, in one JDBC batch. Returns how many were.
     */
    int putBack(Connection c, List<ClaimedDelivery> jobs, String error, Instant due) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(putBackSql())) {
            for (ClaimedDelivery job : jobs) {
                bindPutBack(ps, job.id(), job.lease(), error, due, due);
                ps.addBatch();
            }
            return counted(ps.executeBatch());
        }
    }

    private String putBackSql() {
        return "UPDATE " + table + " SET state = CASE WHEN attempts > 1 THEN ? ELSE ? END,"
                + " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, last_error = ?, due_at = ?,"
                + " lease_owner = NULL, lease_token = NULL, updated_at = ? WHERE id = ? AND lease_token = ? AND state = ?";
    }

    private static void bindPutBack(PreparedStatement ps, long id, Lease lease, String error, Instant due, Instant now)
            throws SQLException {
        ps.setString(1, JobState.RETRY.name());
        ps.setString(2, JobState.PENDING.name());
        ps.setString(3, error);
        Db.setInstant(ps, 4, due);
        Db.setInstant(ps, 5, now);
        ps.setLong(6, id);
        ps.setString(7, lease.token());
        ps.setString(8, JobState.CLAIMED.name());
    }

    /**
     * Marks the claimed rows of {@code jobs} done in one JDBC batch, each only if its lease still holds it.
     * Returns how many were.
     */
    int reportDone(Connection c, List<ClaimedDelivery> jobs, Instant now) throws SQLException {
        return reportDone(c, jobs, ClaimedDelivery::id, ClaimedDelivery::lease, now);
    }

    /** {@link #reportDone(Connection, List, Instant)} for any kind of claimed job. */
    <T> int reportDone(
            Connection c,
            List<T> jobs,
            java.util.function.ToLongFunction<T> id,
            java.util.function.Function<T, Lease> lease,
            Instant now)
            throws SQLException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            // One statement for the whole batch: PostgreSQL plans and runs it once, not once per row.
            Long[] ids = new Long[jobs.size()];
            String[] tokens = new String[jobs.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = id.applyAsLong(jobs.get(i));
                tokens[i] = lease.apply(jobs.get(i)).token();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " t SET state = ?, last_error = NULL,"
                    + " due_at = NULL, lease_owner = NULL, lease_token = NULL, updated_at = ?"
                    + " FROM unnest(?::bigint[], ?::varchar[]) AS d(id, token)"
                    + " WHERE t.id = d.id AND t.lease_token = d.token AND t.state = ?")) {
                ps.setString(1, JobState.DONE.name());
                Db.setInstant(ps, 2, now);
                ps.setArray(3, c.createArrayOf("bigint", ids));
                ps.setArray(4, c.createArrayOf("varchar", tokens));
                ps.setString(5, JobState.CLAIMED.name());
                return ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state = ?, last_error = NULL,"
                + " due_at = NULL, lease_owner = NULL, lease_token = NULL, updated_at = ?"
                + " WHERE id = ? AND lease_token = ? AND state = ?")) {
            for (T job : jobs) {
                ps.setString(1, JobState.DONE.name());
                Db.setInstant(ps, 2, now);
                ps.setLong(3, id.applyAsLong(job));
                ps.setString(4, lease.apply(job).token());
                ps.setString(5, JobState.CLAIMED.name());
                ps.addBatch();
            }
            return counted(ps.executeBatch());
        }
    }

    /** How many statements of a batch changed a row. */
    private static int counted(int[] updates) {
        int changed = 0;
        for (int n : updates) {
            // A driver may answer SUCCESS_NO_INFO (-2) for a row it updated without counting.
            if (n > 0 || n == java.sql.Statement.SUCCESS_NO_INFO) {
                changed++;
            }
        }
        return changed;
    }

    /** How many rows are in each state. */
    Map<JobState, Long> counts(Connection c) throws SQLException {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM " + table + " GROUP BY state");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(JobState.valueOf(rs.getString(1)), rs.getLong(2));
            }
        }
        return counts;
    }

    /** The SQL list of finished states, for WHERE clauses. */
    static String finished() {
        return "('" + JobState.DONE.name() + "', '" + JobState.GIVEN_UP.name() + "')";
    }
}
