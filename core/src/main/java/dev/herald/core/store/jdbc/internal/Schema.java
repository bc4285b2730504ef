package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.StoreException;
import dev.herald.core.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings Herald's tables up to date: reads {@code <prefix>schema_version}, applies each missing step of
 * {@link Steps} with its version row in one transaction. Two nodes starting at once do not both migrate: on
 * PostgreSQL a transaction-scoped advisory lock (keyed by the prefix) serializes them; on H2, whose file one
 * process opens, a lock in this JVM does. Not part of the API. Thread-safe.
 */
public final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
    private static final Map<String, Object> H2_LOCKS = new ConcurrentHashMap<>();

    private Schema() {}

    /** The version this Herald's code reads and writes. */
    public static int latest() {
        return Steps.LATEST;
    }

    /** Migrates to the latest version; returns the version found before. */
    public static int migrate(Db db) {
        return migrateTo(db, Steps.LATEST);
    }

    /**
     * Migrates to {@code target} (tests use it to build databases of earlier versions); returns the version
     * found before.
     */
    public static int migrateTo(Db db, int target) {
        if (target < 0 || target > Steps.LATEST) {
            throw new IllegalArgumentException("target must be between 0 and " + Steps.LATEST + ": " + target);
        }
        if (db.dialect() == Dialect.H2) {
            synchronized (H2_LOCKS.computeIfAbsent(db.prefix(), p -> new Object())) {
                return db.tx("migrate the schema", c -> migrate(c, db, target));
            }
        }
        return db.tx("migrate the schema", c -> migrate(c, db, target));
    }

    /** The version the database is at, 0 if Herald's tables are not there. */
    public static int current(Db db) {
        return db.tx("read the schema version", c -> current(c, db));
    }

    /**
     * One transaction, the lock held throughout: on PostgreSQL the DDL is transactional and all steps commit
     * together; H2 commits each DDL statement at once, which the idempotent steps tolerate.
     */
    private static int migrate(Connection c, Db db, int target) throws SQLException {
        lock(c, db);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + db.t("schema_version")
                    + " (version INT PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                    + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        int found = current(c, db);
        if (found > Steps.LATEST) {
            throw new StoreException("the database's Herald schema (tables " + db.prefix() + "*) is at version " + found
                    + ", newer than this Herald's " + Steps.LATEST + ": upgrade Herald");
        }
        for (Steps.Step step : Steps.ALL) {
            if (step.version() > found && step.version() <= target) {
                apply(c, db, step);
                LOG.info(
                        "Herald schema (tables {}*): applied version {}: {}",
                        db.prefix(),
                        step.version(),
                        step.description());
            }
        }
        return found;
    }

    private static void apply(Connection c, Db db, Steps.Step step) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : step.ddl()) {
                s.execute(Types.expand(ddl, db.dialect(), db.prefix()));
            }
        }
        step.backfill().run(c, db);
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO " + db.t("schema_version") + " (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, step.version());
            insert.setString(2, step.description());
            Db.setInstant(insert, 3, Instant.now());
            insert.executeUpdate();
        }
    }

    private static int current(Connection c, Db db) throws SQLException {
        if (!exists(c, db.t("schema_version"))) {
            return 0;
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + db.t("schema_version"))) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        String sql = "SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE LOWER(table_name) = ? AND table_schema = CURRENT_SCHEMA";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table.toLowerCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** PostgreSQL: holds an advisory lock until the transaction ends. H2: the JVM lock is held by the caller. */
    private static void lock(Connection c, Db db) throws SQLException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, ("herald-schema:" + db.prefix()).hashCode());
                ps.executeQuery().close();
            }
        }
    }
}
