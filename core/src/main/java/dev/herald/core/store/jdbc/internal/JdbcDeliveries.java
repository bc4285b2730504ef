package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HostBacklog;
import dev.herald.core.store.JobState;
import dev.herald.core.store.QueueLimits;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery queue: {@code <prefix>delivery_payloads} (one row per activity) and {@code
 * <prefix>delivery_jobs} (one row per target inbox). The follower fan-out is one INSERT ... SELECT in the
 * database, so no follower set passes through memory. Thread-safe.
 */
public final class JdbcDeliveries implements DeliveryStore {
    private static final String JOB_COLUMNS =
            "payload_id, inbox, host, state, attempts, due_at, created_at, updated_at";

    private final Db db;
    private final Queue queue;
    private final int maxPayload;
    private final int purgeBatch;

    /**
     * Deliveries in {@code db}, refusing payloads longer than {@code maxPayload} characters; a purge reads at most
     * {@code purgeBatch} rows per transaction.
     */
    public JdbcDeliveries(Db db, int maxPayload, int purgeBatch) {
        this.db = db;
        this.queue = new Queue(db, "delivery_jobs");
        this.maxPayload = maxPayload;
        this.purgeBatch = purgeBatch;
    }

    @Override
    public int enqueue(DeliveryBatch batch, Instant now) {
        check(batch);
        return db.tx("queue deliveries of " + batch.activityId(), c -> enqueue(c, batch, now));
    }

    /** Throws if the batch's payload is over the limit. */
    public void check(DeliveryBatch batch) {
        if (batch.payload().length() > maxPayload) {
            throw new IllegalArgumentException(
                    "payload is " + batch.payload().length() + " characters, more than the limit " + maxPayload);
        }
    }

    /** Queues the batch on {@code c}, in the caller's transaction. */
    public int enqueue(Connection c, DeliveryBatch batch, Instant now) throws SQLException {
        long payload = payloadId(c, batch, now);
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.t("delivery_jobs") + " (" + JOB_COLUMNS
                + ") VALUES (?, ?, ?, ?, 0, ?, ?, ?)" + db.ignoreConflicts())) {
            for (URI inbox : batch.inboxes()) {
                ps.setLong(1, payload);
                ps.setString(2, inbox.toString());
                ps.setString(3, DeliveryBatch.hostOf(inbox));
                ps.setString(4, JobState.PENDING.name());
                Db.setInstant(ps, 5, now);
                Db.setInstant(ps, 6, now);
                Db.setInstant(ps, 7, now);
                added += db.insertIgnoring(ps);
            }
        }
        if (batch.toFollowers()) {
            String jobs = db.t("delivery_jobs");
            // The n-th inbox of a host is due n microseconds after the first: claims take jobs by due time, so a
            // claim spreads over the hosts instead of taking a hundred inboxes of one host (which could only send a
            // few at a time and had to put the rest back).
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + jobs + " (" + JOB_COLUMNS + ")"
                    + " SELECT ?, d.delivery_inbox, d.delivery_host, ?, 0, CAST(? AS TIMESTAMP WITH TIME ZONE)"
                    + " + INTERVAL '0.000001' SECOND * CAST(ROW_NUMBER() OVER (PARTITION BY d.delivery_host"
                    + " ORDER BY d.delivery_inbox) - 1 AS DOUBLE PRECISION), ?, ? FROM (SELECT DISTINCT"
                    + " f.delivery_inbox, f.delivery_host FROM " + db.t("followers") + " f WHERE f.actor = ?"
                    + " AND f.state = ? AND NOT EXISTS (SELECT 1 FROM " + jobs
                    + " j WHERE j.payload_id = ? AND j.inbox = f.delivery_inbox)) d" + db.ignoreConflicts())) {
                ps.setLong(1, payload);
                ps.setString(2, JobState.PENDING.name());
                Db.setInstant(ps, 3, now);
                Db.setInstant(ps, 4, now);
                Db.setInstant(ps, 5, now);
                ps.setString(6, batch.actor());
                ps.setString(7, Follower.State.ACCEPTED.name());
                ps.setLong(8, payload);
                added += ps.executeUpdate();
            }
        }
        return added;
    }

    /** The payload row of the batch's activity, inserted if new (an earlier payload for the id is kept). */
    private long payloadId(Connection c, DeliveryBatch batch, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.t("delivery_payloads")
                + " (activity_id, actor, payload, created_at) VALUES (?, ?, ?, ?)" + db.ignoreConflicts())) {
            ps.setString(1, batch.activityId().toString());
            ps.setString(2, batch.actor());
            ps.setString(3, batch.payload());
            Db.setInstant(ps, 4, now);
            db.insertIgnoring(ps);
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id FROM " + db.t("delivery_payloads") + " WHERE activity_id = ?")) {
            ps.setString(1, batch.activityId().toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("payload row vanished for " + batch.activityId());
                }
                return rs.getLong(1);
            }
        }
    }

    @Override
    public List<ClaimedDelivery> claim(String workerId, int limit, Duration lease, Instant now) {
        return db.tx("claim deliveries", c -> {
            Queue.Claimed<JobRow> held = queue.claim(
                    c,
                    workerId,
                    limit,
                    lease,
                    now,
                    "id, payload_id, inbox, attempts",
                    rs -> new JobRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)));
            return claimed(c, held);
        });
    }

    /** A claimed job's row, before its payload is read. */
    private record JobRow(long id, long payloadId, String inbox, int attempts) {}

    /** A payload's row: what every job of one activity sends. */
    private record PayloadRow(String activityId, String actor, String payload) {}

    /** The claimed jobs with their payloads, read once per activity (a fan-out's claim holds one or two). */
    private List<ClaimedDelivery> claimed(Connection c, Queue.Claimed<JobRow> held) throws SQLException {
        Map<Long, PayloadRow> payloads = new HashMap<>();
        for (JobRow row : held.rows()) {
            payloads.putIfAbsent(row.payloadId(), null);
        }
        if (!payloads.isEmpty()) {
            StringBuilder sql = new StringBuilder("SELECT id, activity_id, actor, payload FROM ")
                    .append(db.t("delivery_payloads"))
                    .append(" WHERE id IN (");
            for (int i = 0; i < payloads.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
                int i = 1;
                for (long id : payloads.keySet()) {
                    ps.setLong(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        payloads.put(rs.getLong(1), new PayloadRow(rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        List<ClaimedDelivery> claimed = new ArrayList<>(held.rows().size());
        for (JobRow row : held.rows()) {
            PayloadRow payload = payloads.get(row.payloadId());
            if (payload == null) {
                // The foreign key keeps a job's payload while the job exists: this is a broken database.
                throw new SQLException("delivery job " + row.id() + " has no payload " + row.payloadId());
            }
            claimed.add(new ClaimedDelivery(
                    row.id(),
                    URI.create(payload.activityId()),
                    payload.actor(),
                    URI.create(row.inbox()),
                    payload.payload(),
                    row.attempts(),
                    held.lease()));
        }
        return claimed;
    }

    @Override
    public boolean delivered(ClaimedDelivery job, Instant now) {
        return db.tx(
                "mark delivery " + job.id() + " delivered",
                c -> queue.report(c, job.id(), job.lease(), JobState.DONE, null, null, now));
    }

    @Override
    public int delivered(List<ClaimedDelivery> jobs, Instant now) {
        if (jobs.isEmpty()) {
            return 0;
        }
        return db.tx("mark " + jobs.size() + " deliveries delivered", c -> queue.reportDone(c, jobs, now));
    }

    @Override
    public boolean retryLater(ClaimedDelivery job, String error, Instant nextAttempt) {
        String stored = QueueLimits.error(error);
        return db.tx(
                "reschedule delivery " + job.id(),
                c -> queue.report(c, job.id(), job.lease(), JobState.RETRY, stored, nextAttempt, nextAttempt));
    }

    @Override
    public boolean putBack(ClaimedDelivery job, String reason, Instant due) {
        String stored = QueueLimits.error(reason);
        return db.tx(
                "put delivery " + job.id() + " back", c -> queue.putBack(c, job.id(), job.lease(), stored, due, due));
    }

    @Override
    public int putBack(List<ClaimedDelivery> jobs, String reason, Instant due) {
        if (jobs.isEmpty()) {
            return 0;
        }
        String stored = QueueLimits.error(reason);
        return db.tx("put " + jobs.size() + " deliveries back", c -> queue.putBack(c, jobs, stored, due));
    }

    @Override
    public boolean giveUp(ClaimedDelivery job, String error, Instant now) {
        String stored = QueueLimits.error(error);
        return db.tx(
                "give delivery " + job.id() + " up",
                c -> queue.report(c, job.id(), job.lease(), JobState.GIVEN_UP, stored, null, now));
    }

    /**
     * Counts the jobs in every state but done through the state index, and all jobs (a count H2 keeps), in one
     * statement and so one snapshot; done is the difference. Jobs done pile up until they are purged, and counting
     * them one by one took 60 ms at 100,000 on H2.
     */
    @Override
    public Map<JobState, Long> counts() {
        return db.tx("count deliveries", c -> {
            String jobs = db.t("delivery_jobs");
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                counts.put(state, 0L);
            }
            long all = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT CAST(NULL AS VARCHAR(16)), COUNT(*) FROM " + jobs
                            + " UNION ALL SELECT state, COUNT(*) FROM " + jobs + " WHERE state IN " + notDone()
                            + " GROUP BY state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(1);
                    if (state == null) {
                        all = rs.getLong(2);
                    } else {
                        counts.put(JobState.valueOf(state), rs.getLong(2));
                    }
                }
            }
            long notDone = counts.values().stream().mapToLong(Long::longValue).sum();
            counts.put(JobState.DONE, all - notDone);
            return counts;
        });
    }

    /** The SQL list of every state but done. */
    private static String notDone() {
        return states(JobState.PENDING, JobState.CLAIMED, JobState.RETRY, JobState.GIVEN_UP);
    }

    /** The SQL list of the unfinished states. */
    private static String unfinished() {
        return states(JobState.PENDING, JobState.CLAIMED, JobState.RETRY);
    }

    private static String states(JobState... states) {
        return java.util.Arrays.stream(states)
                .map(s -> "'" + s.name() + "'")
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }

    @Override
    public List<HostBacklog> backlogByHost(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000: " + limit);
        }
        return db.tx("count deliveries by host", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT host, COUNT(*) AS waiting FROM "
                    + db.t("delivery_jobs") + " WHERE state IN " + unfinished()
                    + " GROUP BY host ORDER BY waiting DESC, host LIMIT ?")) {
                ps.setInt(1, limit);
                List<HostBacklog> hosts = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hosts.add(new HostBacklog(rs.getString(1), rs.getLong(2)));
                    }
                }
                return hosts;
            }
        });
    }

    /** Deletes the finished jobs, then the payloads, a batch per transaction (see {@link Db#deleteInBatches}). */
    @Override
    public int purgeFinished(Instant before) {
        int purged = db.deleteInBatches(
                "purge finished deliveries",
                db.t("delivery_jobs"),
                "x.state IN " + Queue.finished() + " AND x.updated_at < ?",
                before,
                purgeBatch);
        // Only payloads older than the cut-off: a newer one may be getting its jobs in another transaction.
        db.deleteInBatches(
                "purge delivered payloads",
                db.t("delivery_payloads"),
                "x.created_at < ? AND NOT EXISTS (SELECT 1 FROM " + db.t("delivery_jobs")
                        + " j WHERE j.payload_id = x.id)",
                before,
                purgeBatch);
        return purged;
    }
}
