package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.ClaimedActivity;
import dev.herald.core.store.InboxActivity;
import dev.herald.core.store.InboxStore;
import dev.herald.core.store.JobState;
import dev.herald.core.store.QueueLimits;
import dev.herald.core.store.StoreException;
import java.net.URI;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The inbox queue in {@code <prefix>inbox}: one row per activity, the unique index on {@code activity_id}
 * is the dedupe key, so storing and deduplicating are one INSERT. Concurrent {@link #accept} calls are committed
 * together (group commit): one transaction for all the activities that arrived while the previous one committed.
 * Thread-safe.
 */
public final class JdbcInbox implements InboxStore {
    /** The most activities one group commit stores. */
    private static final int MAX_GROUP = 256;

    private final Db db;
    private final Queue queue;
    private final int maxPayload;
    private final int purgeBatch;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final Object commitLock = new Object();

    /**
     * The inbox queue in {@code db}, refusing activities longer than {@code maxPayload} characters; a purge reads at
     * most {@code purgeBatch} rows per transaction.
     */
    public JdbcInbox(Db db, int maxPayload, int purgeBatch) {
        this.db = db;
        this.queue = new Queue(db, "inbox");
        this.maxPayload = maxPayload;
        this.purgeBatch = purgeBatch;
    }

    @Override
    public boolean accept(InboxActivity a) {
        if (a.json().length() > maxPayload) {
            throw new IllegalArgumentException(
                    "json is " + a.json().length() + " characters, more than the limit " + maxPayload);
        }
        Pending mine = new Pending(a);
        waiting.add(mine);
        // Group commit: whoever holds the lock stores everything waiting in one transaction, so threads that
        // arrive during a commit share the next one instead of committing one by one. Each caller returns only once
        // its own activity is committed (or has failed).
        synchronized (commitLock) {
            while (!mine.done) {
                commitWaiting();
            }
        }
        if (mine.failure instanceof StoreException failure) {
            // Thrown again on the thread whose activity it was, with that thread's stack.
            throw new StoreException(failure.getMessage(), failure);
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.inserted;
    }

    /** One accept call waiting for its commit. Written under {@link #commitLock}, read after taking it. */
    private static final class Pending {
        final InboxActivity activity;
        boolean done;
        boolean inserted;
        RuntimeException failure;

        Pending(InboxActivity activity) {
            this.activity = activity;
        }
    }

    /** Stores up to {@link #MAX_GROUP} waiting activities in one transaction; alone, one by one, if that fails. */
    private void commitWaiting() {
        List<Pending> group = new ArrayList<>();
        for (Pending p; group.size() < MAX_GROUP && (p = waiting.poll()) != null; ) {
            group.add(p);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            try {
                boolean[] inserted = insert(group);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).inserted = inserted[i];
                    group.get(i).done = true;
                }
            } catch (RuntimeException e) {
                if (group.size() == 1) {
                    group.get(0).failure = e;
                    group.get(0).done = true;
                    return;
                }
                // One bad row must not fail the others: each alone.
                for (Pending p : group) {
                    try {
                        p.inserted = insert(List.of(p))[0];
                    } catch (RuntimeException alone) {
                        p.failure = alone;
                    }
                    p.done = true;
                }
            }
        } finally {
            // Whatever happened (even an Error), no caller may wait for a commit that will not come.
            for (Pending p : group) {
                if (!p.done) {
                    p.failure = new StoreException(
                            "could not store received activity " + p.activity.activityId() + ": the commit failed");
                    p.done = true;
                }
            }
        }
    }

    private boolean[] insert(List<Pending> group) {
        String what = group.size() == 1
                ? "store received activity " + group.get(0).activity.activityId()
                : "store " + group.size() + " received activities";
        return db.tx(what, c -> {
            boolean[] inserted = new boolean[group.size()];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.t("inbox")
                    + " (activity_id, actor, document, received_at, state, attempts, due_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, 0, ?, ?)" + db.ignoreConflicts())) {
                for (int i = 0; i < group.size(); i++) {
                    InboxActivity a = group.get(i).activity;
                    ps.setString(1, a.activityId().toString());
                    ps.setString(2, a.actor().toString());
                    ps.setString(3, a.json());
                    Db.setInstant(ps, 4, a.receivedAt());
                    ps.setString(5, JobState.PENDING.name());
                    Db.setInstant(ps, 6, a.receivedAt());
                    Db.setInstant(ps, 7, a.receivedAt());
                    // One statement per row: a duplicate (an id accepted before, or twice in this group) is
                    // then a row that was not inserted, the others unaffected.
                    inserted[i] = db.insertIgnoring(ps) == 1;
                }
            }
            return inserted;
        });
    }

    @Override
    public List<ClaimedActivity> claim(String workerId, int limit, Duration lease, Instant now) {
        return db.tx("claim received activities", c -> {
            Queue.Claimed<InboxRow> held = queue.claim(
                    c,
                    workerId,
                    limit,
                    lease,
                    now,
                    "id, activity_id, actor, document, received_at, attempts",
                    rs -> new InboxRow(
                            rs.getLong("id"),
                            new InboxActivity(
                                    URI.create(rs.getString("activity_id")),
                                    URI.create(rs.getString("actor")),
                                    rs.getString("document"),
                                    Db.requiredInstant(rs, "received_at")),
                            rs.getInt("attempts")));
            List<ClaimedActivity> claimed = new ArrayList<>(held.rows().size());
            for (InboxRow row : held.rows()) {
                claimed.add(new ClaimedActivity(row.id(), row.activity(), row.attempts(), held.lease()));
            }
            return claimed;
        });
    }

    /** A claimed row, before it is given its lease. */
    private record InboxRow(long id, InboxActivity activity, int attempts) {}

    @Override
    public boolean processed(ClaimedActivity claimed, Instant now) {
        return db.tx(
                "mark received activity " + claimed.id() + " processed",
                c -> queue.report(c, claimed.id(), claimed.lease(), JobState.DONE, null, null, now));
    }

    @Override
    public int processed(List<ClaimedActivity> claimed, Instant now) {
        if (claimed.isEmpty()) {
            return 0;
        }
        return db.tx(
                "mark " + claimed.size() + " received activities processed",
                c -> queue.reportDone(c, claimed, ClaimedActivity::id, ClaimedActivity::lease, now));
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

    /** Deletes a batch per transaction (see {@link Db#deleteInBatches}). */
    @Override
    public int purgeFinished(Instant before) {
        return db.deleteInBatches(
                "purge processed activities",
                db.t("inbox"),
                "x.state IN " + Queue.finished() + " AND x.received_at < ?",
                before,
                purgeBatch);
    }
}
