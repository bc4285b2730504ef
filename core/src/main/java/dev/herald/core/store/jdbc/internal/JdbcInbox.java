package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.ClaimedActivity;
import dev.herald.core.store.InboxActivity;
import dev.herald.core.store.InboxStore;
import dev.herald.core.store.JobState;
import dev.herald.core.store.Lease;
import dev.herald.core.store.QueueLimits;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inbox queue in {@code <prefix>inbox}: one row per activity, the unique index on {@code activity_id}
 * is the dedupe key, so storing and deduplicating are one INSERT. Thread-safe.
 */
public final class JdbcInbox implements InboxStore {
    private final Db db;
    private final Queue queue;
    private final int maxPayload;

    /** The inbox queue in {@code db}, refusing activities longer than {@code maxPayload} characters. */
    public JdbcInbox(Db db, int maxPayload) {
        this.db = db;
        this.queue = new Queue(db, "inbox");
        this.maxPayload = maxPayload;
    }

    @Override
    public boolean accept(InboxActivity a) {
        if (a.json().length() > maxPayload) {
            throw new IllegalArgumentException(
                    "json is " + a.json().length() + " characters, more than the limit " + maxPayload);
        }
        return db.tx("store received activity " + a.activityId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.t("inbox")
                    + " (activity_id, actor, document, received_at, state, attempts, due_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, 0, ?, ?)" + db.ignoreConflicts())) {
                ps.setString(1, a.activityId().toString());
                ps.setString(2, a.actor().toString());
                ps.setString(3, a.json());
                Db.setInstant(ps, 4, a.receivedAt());
                ps.setString(5, JobState.PENDING.name());
                Db.setInstant(ps, 6, a.receivedAt());
                Db.setInstant(ps, 7, a.receivedAt());
                return db.insertIgnoring(ps) == 1;
            }
        });
    }

    @Override
    public List<ClaimedActivity> claim(String workerId, int limit, Duration lease, Instant now) {
        return db.tx("claim received activities", c -> {
            Lease held = queue.claim(c, workerId, limit, lease, now);
            return claimed(c, held);
        });
    }

    private List<ClaimedActivity> claimed(Connection c, Lease lease) throws SQLException {
        List<ClaimedActivity> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, activity_id, actor, document, received_at,"
                + " attempts FROM " + db.t("inbox") + " WHERE lease_token = ? ORDER BY id")) {
            ps.setString(1, lease.token());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    InboxActivity activity = new InboxActivity(
                            URI.create(rs.getString("activity_id")),
                            URI.create(rs.getString("actor")),
                            rs.getString("document"),
                            Db.requiredInstant(rs, "received_at"));
                    claimed.add(new ClaimedActivity(rs.getLong("id"), activity, rs.getInt("attempts"), lease));
                }
            }
        }
        return claimed;
    }

    @Override
    public boolean processed(ClaimedActivity claimed, Instant now) {
        return db.tx(
                "mark received activity " + claimed.id() + " processed",
                c -> queue.report(c, claimed.id(), claimed.lease(), JobState.DONE, null, null, now));
    }

    @Override
    public boolean retryLater(ClaimedActivity claimed, String error, Instant nextAttempt) {
        String stored = QueueLimits.error(error);
        return db.tx(
                "reschedule received activity " + claimed.id(),
                c -> queue.report(c, claimed.id(), claimed.lease(), JobState.RETRY, stored, nextAttempt, nextAttempt));
    }

    @Override
    public boolean giveUp(ClaimedActivity claimed, String error, Instant now) {
        String stored = QueueLimits.error(error);
        return db.tx(
                "give received activity " + claimed.id() + " up",
                c -> queue.report(c, claimed.id(), claimed.lease(), JobState.GIVEN_UP, stored, null, now));
    }

    @Override
    public Map<JobState, Long> counts() {
        return db.tx("count received activities", queue::counts);
    }

    @Override
    public int purgeFinished(Instant before) {
        return db.tx("purge processed activities", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + db.t("inbox") + " WHERE state IN " + Queue.finished() + " AND received_at < ?")) {
                Db.setInstant(ps, 1, before);
                return ps.executeUpdate();
            }
        });
    }
}
