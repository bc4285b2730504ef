package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.DeliveryBatch;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema's history: one step per version, never edited once released (a change is a new step). Each
 * step's DDL is idempotent ({@code IF NOT EXISTS}), because H2 commits DDL at once: a step cut short by a
 * crash is simply run again. Stateless.
 */
final class Steps {
    /** One schema version. */
    record Step(int version, String description, List<String> ddl, Backfill backfill) {}

    /** Data changes that SQL alone cannot make portably. */
    @FunctionalInterface
    interface Backfill {
        void run(Connection connection, Db db) throws SQLException;
    }

    private static final Backfill NONE = (c, db) -> {};

    static final List<Step> ALL = List.of(
            new Step(
                    1,
                    "key pairs, objects, followers, following",
                    List.of(
                            "CREATE TABLE IF NOT EXISTS {P}key_pairs (actor {NAME} PRIMARY KEY,"
                                    + " private_key_pem {TEXT} NOT NULL, public_key_pem {TEXT} NOT NULL,"
                                    + " created_at {TS} NOT NULL)",
                            "CREATE TABLE IF NOT EXISTS {P}objects (id {ID} PRIMARY KEY, actor {NAME} NOT NULL,"
                                    + " object_type VARCHAR(64) NOT NULL, document {TEXT} NOT NULL,"
                                    + " published {TS} NOT NULL, updated {TS}, deleted {TS},"
                                    + " visibility VARCHAR(16) NOT NULL, pinned BOOLEAN NOT NULL)",
                            "CREATE INDEX IF NOT EXISTS {P}objects_by_actor ON {P}objects (actor, published, id)",
                            "CREATE TABLE IF NOT EXISTS {P}followers (actor {NAME} NOT NULL, follower {ID} NOT NULL,"
                                    + " inbox {ID} NOT NULL, shared_inbox {ID}, follow_activity {ID},"
                                    + " state VARCHAR(16) NOT NULL, since {TS} NOT NULL,"
                                    + " PRIMARY KEY (actor, follower))",
                            "CREATE INDEX IF NOT EXISTS {P}followers_by_actor"
                                    + " ON {P}followers (actor, state, since, follower)",
                            "CREATE TABLE IF NOT EXISTS {P}following (actor {NAME} NOT NULL, followee {ID} NOT NULL,"
                                    + " follow_activity {ID}, accepted BOOLEAN NOT NULL, since {TS} NOT NULL,"
                                    + " PRIMARY KEY (actor, followee))"),
                    NONE),
            new Step(
                    2,
                    "delivery queue, inbox queue, remote actor cache; followers' delivery inbox",
                    List.of(
                            "ALTER TABLE {P}followers ADD COLUMN IF NOT EXISTS delivery_inbox {ID}",
                            "ALTER TABLE {P}followers ADD COLUMN IF NOT EXISTS delivery_host {NAME}",
                            "CREATE INDEX IF NOT EXISTS {P}followers_by_delivery"
                                    + " ON {P}followers (actor, state, delivery_inbox)",
                            "CREATE INDEX IF NOT EXISTS {P}followers_by_inbox ON {P}followers (delivery_inbox)",
                            "CREATE TABLE IF NOT EXISTS {P}delivery_payloads (id {SERIAL}, activity_id {ID} NOT NULL,"
                                    + " actor {NAME} NOT NULL, payload {TEXT} NOT NULL, created_at {TS} NOT NULL)",
                            "CREATE UNIQUE INDEX IF NOT EXISTS {P}delivery_payloads_by_activity"
                                    + " ON {P}delivery_payloads (activity_id)",
                            "CREATE TABLE IF NOT EXISTS {P}delivery_jobs (id {SERIAL},"
                                    + " payload_id BIGINT NOT NULL REFERENCES {P}delivery_payloads (id),"
                                    + " inbox {ID} NOT NULL, host {NAME} NOT NULL, " + queueColumns() + ","
                                    + " created_at {TS} NOT NULL)",
                            "CREATE UNIQUE INDEX IF NOT EXISTS {P}delivery_jobs_by_target"
                                    + " ON {P}delivery_jobs (payload_id, inbox)",
                            "CREATE INDEX IF NOT EXISTS {P}delivery_jobs_by_due ON {P}delivery_jobs (due_at, id)",
                            "CREATE INDEX IF NOT EXISTS {P}delivery_jobs_by_lease ON {P}delivery_jobs (lease_token)",
                            "CREATE INDEX IF NOT EXISTS {P}delivery_jobs_by_host ON {P}delivery_jobs (host, state)",
                            "CREATE TABLE IF NOT EXISTS {P}inbox (id {SERIAL}, activity_id {ID} NOT NULL,"
                                    + " actor {ID} NOT NULL, document {TEXT} NOT NULL, received_at {TS} NOT NULL, "
                                    + queueColumns() + ")",
                            "CREATE UNIQUE INDEX IF NOT EXISTS {P}inbox_by_activity ON {P}inbox (activity_id)",
                            "CREATE INDEX IF NOT EXISTS {P}inbox_by_due ON {P}inbox (due_at, id)",
                            "CREATE INDEX IF NOT EXISTS {P}inbox_by_lease ON {P}inbox (lease_token)",
                            "CREATE TABLE IF NOT EXISTS {P}remote_actors (actor_id {ID} PRIMARY KEY, key_id {ID},"
                                    + " public_key_pem {TEXT}, inbox {ID}, shared_inbox {ID}, document {TEXT} NOT NULL,"
                                    + " fetched_at {TS} NOT NULL, expires_at {TS} NOT NULL)",
                            "CREATE INDEX IF NOT EXISTS {P}remote_actors_by_key ON {P}remote_actors (key_id)",
                            "CREATE INDEX IF NOT EXISTS {P}remote_actors_by_expiry ON {P}remote_actors (expires_at)"),
                    Steps::fillDeliveryInboxes),
            new Step(
                    3,
                    "engagement, host health",
                    List.of(
                            "CREATE TABLE IF NOT EXISTS {P}engagements (activity_id {ID} PRIMARY KEY,"
                                    + " kind VARCHAR(16) NOT NULL, object_id {ID} NOT NULL, actor {ID} NOT NULL,"
                                    + " happened_at {TS} NOT NULL, url {ID}, content {TEXT})",
                            "CREATE INDEX IF NOT EXISTS {P}engagements_by_object"
                                    + " ON {P}engagements (object_id, kind, happened_at, activity_id)",
                            "CREATE INDEX IF NOT EXISTS {P}engagements_by_actor ON {P}engagements (actor)",
                            "CREATE TABLE IF NOT EXISTS {P}host_health (host {NAME} PRIMARY KEY,"
                                    + " consecutive_failures INT NOT NULL, unavailable_since {TS},"
                                    + " last_success {TS}, last_failure {TS})",
                            "CREATE INDEX IF NOT EXISTS {P}host_health_failing"
                                    + " ON {P}host_health (unavailable_since, host)"),
                    NONE),
            new Step(
                    4,
                    "quote authorizations",
                    List.of(
                            "CREATE TABLE IF NOT EXISTS {P}quote_authorizations (id {ID} PRIMARY KEY,"
                                    + " actor {NAME} NOT NULL, target {ID} NOT NULL, quoting_post {ID} NOT NULL,"
                                    + " quoting_actor {ID} NOT NULL, request_id {ID} NOT NULL, inbox {ID} NOT NULL,"
                                    + " state VARCHAR(16) NOT NULL, requested_at {TS} NOT NULL, decided_at {TS})",
                            "CREATE INDEX IF NOT EXISTS {P}quote_auth_by_actor"
                                    + " ON {P}quote_authorizations (actor, state, requested_at, id)",
                            "CREATE INDEX IF NOT EXISTS {P}quote_auth_by_post"
                                    + " ON {P}quote_authorizations (quoting_post)",
                            "CREATE INDEX IF NOT EXISTS {P}quote_auth_by_quoter"
                                    + " ON {P}quote_authorizations (quoting_actor)"),
                    NONE),
            new Step(
                    5,
                    "delivery jobs indexed by state, then host",
                    // Counting jobs per state and the backlog per host read only the unfinished and given-up
                    // jobs, not every job done since the last purge; (state, host) serves what (host, state) did.
                    List.of(
                            "CREATE INDEX IF NOT EXISTS {P}delivery_jobs_by_state ON {P}delivery_jobs (state, host)",
                            "DROP INDEX IF EXISTS {P}delivery_jobs_by_host"),
                    NONE),
            new Step(
                    6,
                    "queue rows no longer indexed by lease token",
                    // A claim returns its rows itself (RETURNING, FINAL TABLE) and reports find a row by id: the
                    // index was read by nothing, and every claim and every report updated it.
                    List.of("DROP INDEX IF EXISTS {P}delivery_jobs_by_lease", "DROP INDEX IF EXISTS {P}inbox_by_lease"),
                    NONE));

    /** The latest version. */
    static final int LATEST = ALL.get(ALL.size() - 1).version();

    private Steps() {}

    /** The columns of a claimable queue; see {@code Queue}. */
    private static String queueColumns() {
        return "state VARCHAR(16) NOT NULL, attempts INT NOT NULL, due_at {TS}, lease_owner VARCHAR(200),"
                + " lease_token VARCHAR(64), last_error VARCHAR(2000), updated_at {TS} NOT NULL";
    }

    /**
     * Version 2 keeps each follower's delivery inbox (shared inbox preferred) and its host in columns, so the
     * fan-out is one INSERT ... SELECT. Fills them for the followers stored before, streaming.
     */
    private static void fillDeliveryInboxes(Connection connection, Db db) throws SQLException {
        String select = "SELECT actor, follower, inbox, shared_inbox FROM " + db.t("followers")
                + " WHERE delivery_inbox IS NULL";
        String update = "UPDATE " + db.t("followers") + " SET delivery_inbox = ?, delivery_host = ?"
                + " WHERE actor = ? AND follower = ?";
        try (Statement query = connection.createStatement();
                PreparedStatement fill = connection.prepareStatement(update)) {
            query.setFetchSize(500);
            int pending = 0;
            try (ResultSet rs = query.executeQuery(select)) {
                while (rs.next()) {
                    String shared = rs.getString("shared_inbox");
                    URI inbox = URI.create(shared != null ? shared : rs.getString("inbox"));
                    fill.setString(1, inbox.toString());
                    fill.setString(2, DeliveryBatch.hostOf(inbox));
                    fill.setString(3, rs.getString("actor"));
                    fill.setString(4, rs.getString("follower"));
                    fill.addBatch();
                    if (++pending == 500) {
                        fill.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                fill.executeBatch();
            }
        }
    }
}
