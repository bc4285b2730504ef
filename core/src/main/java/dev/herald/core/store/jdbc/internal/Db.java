package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.StoreException;
import dev.herald.core.store.jdbc.Dialect;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A data source, its dialect and Herald's table prefix, with the transaction template every JDBC store
 * uses. Not part of the API. Thread-safe (holds no connection).
 */
public final class Db {
    /** SQLSTATE of a unique or primary key violation, in PostgreSQL and H2 alike. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String prefix;
    private final boolean writeEachCommit;
    private volatile boolean closed;

    /** A database reached through {@code dataSource}, with Herald's tables named {@code prefix + name}. */
    public Db(DataSource dataSource, Dialect dialect, String prefix) {
        this(dataSource, dialect, prefix, false);
    }

    /**
     * As {@link #Db(DataSource, Dialect, String)}; with {@code writeEachCommit} (H2 only, as an administrator), a
     * transaction that changed anything is written to the file ({@code CHECKPOINT}) before {@link #tx} returns: for
     * an H2 database opened with a {@code WRITE_DELAY}, which would otherwise write it up to that long later.
     */
    public Db(DataSource dataSource, Dialect dialect, String prefix, boolean writeEachCommit) {
        if (writeEachCommit && dialect != Dialect.H2) {
            throw new IllegalArgumentException("writeEachCommit is for H2, not " + dialect);
        }
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.writeEachCommit = writeEachCommit;
    }

    /** The dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The table prefix. */
    public String prefix() {
        return prefix;
    }

    /** A table's name with the prefix. */
    public String t(String table) {
        return prefix + table;
    }

    /**
     * Runs {@code work} in one transaction on a connection from the data source, and commits. Rolls back and
     * throws {@link StoreException} saying {@code what} failed if it throws {@link SQLException}.
     */
    public <T> T tx(String what, SqlWork<T> work) {
        if (closed) {
            throw new IllegalStateException("the store is closed: cannot " + what);
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                commit(connection);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                restore(connection, autoCommit);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Deletes the rows of {@code table} that {@code where} matches, going through the table by id a window of {@code
     * batch} rows per transaction: a purge of millions of rows neither holds their locks in one long transaction nor
     * makes other writers wait for its end, and each window goes on after the one before it, so the whole purge reads
     * the table once. {@code where} names the table {@code x} and has one parameter, {@code before}. Returns how many
     * rows were deleted; if a transaction fails, the windows before it stay deleted.
     *
     * <p>A window is read through the primary key alone, and the rows it matched are deleted by id with {@code where}
     * checked again (a row that changed since is kept). Filtering in the read ({@code WHERE id > ? AND state IN ...
     * ORDER BY id LIMIT ?}) is faster on PostgreSQL, but H2 answers it, and a delete by id range, from the
     * {@code (state, host)} index, reading every finished job for every batch; and H2 ran the subquery of {@code
     * DELETE ... WHERE id IN (SELECT ... LIMIT ?)} once per row. Purging 300,000 of 420,000 jobs on an in-memory H2
     * took 12 s this way, 17-20 s with the filtered read, 7-9 s in one transaction; on PostgreSQL 0.8 s, 0.3 s and
     * 0.15 s.
     */
    int deleteInBatches(String what, String table, String where, Instant before, int batch) {
        String window = "SELECT x.id, CASE WHEN " + where + " THEN 1 ELSE 0 END FROM " + table
                + " x WHERE x.id > ? ORDER BY x.id LIMIT ?";
        int deleted = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            Window done = tx(what, c -> {
                List<Long> matched = new ArrayList<>();
                int read = 0;
                long last = from;
                try (PreparedStatement ps = c.prepareStatement(window)) {
                    setInstant(ps, 1, before);
                    ps.setLong(2, from);
                    ps.setInt(3, batch);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            read++;
                            last = rs.getLong(1);
                            if (rs.getInt(2) == 1) {
                                matched.add(last);
                            }
                        }
                    }
                }
                if (matched.isEmpty()) {
                    return new Window(read, last, 0);
                }
                String marks = "?" + ", ?".repeat(matched.size() - 1);
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + table + " x WHERE x.id IN (" + marks + ") AND (" + where + ")")) {
                    int i = 1;
                    for (long id : matched) {
                        ps.setLong(i++, id);
                    }
                    setInstant(ps, i, before);
                    return new Window(read, last, ps.executeUpdate());
                }
            });
            deleted += done.deleted();
            if (done.read() < batch) {
                return deleted;
            }
            after = done.last();
        }
    }

    /** One window of {@link #deleteInBatches}: how many rows it read, the highest id of them, how many it deleted. */
    private record Window(int read, long last, int deleted) {}

    /**
     * Commits the transaction on {@code connection}, a connection of {@link #tx}: for work that must commit before
     * it ends (and then goes on in a new transaction). With {@code writeEachCommit} the changes are in the file when
     * it returns.
     */
    public void commit(Connection connection) throws SQLException {
        boolean write = writeEachCommit && changedAnything(connection);
        connection.commit();
        if (write) {
            writeToFile(connection);
        }
    }

    /** H2: whether the connection's transaction has changed anything ({@code TRANSACTION_ID()} is NULL if not). */
    private static boolean changedAnything(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT TRANSACTION_ID()");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getString(1) != null;
        }
    }

    /**
     * H2: writes the committed changes to the file now. {@code CHECKPOINT} writes what is unsaved and waits until it
     * is written. If nothing is unsaved, another write took these changes: another commit's {@code CHECKPOINT}, which
     * H2 finishes before this one starts, or (rarely) H2's own background write, which it may still be finishing on
     * its own threads: docs/storage.md says when.
     */
    private static void writeToFile(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("CHECKPOINT")) {
            ps.execute();
        }
    }

    /** Refuses every later operation. */
    public void close() {
        closed = true;
    }

    /** The exception for a failed operation: what failed, the SQL state, the driver's message redacted. */
    public StoreException failure(String what, SQLException e) {
        return new StoreException(
                "could not " + what + " (tables " + prefix + "*, SQL state " + e.getSQLState() + "): "
                        + redact(e.getMessage()),
                e);
    }

    private static final Pattern URL = Pattern.compile("jdbc:\\S+");
    private static final Pattern SECRET = Pattern.compile("(?i)(password|passwd|pwd|secret|token)=[^\\s&;,)]*");

    /**
     * A driver's message without JDBC URLs or password parameters: drivers put the URL in some messages
     * ("No suitable driver found for jdbc:..."), and a URL may carry credentials.
     */
    public static String redact(String message) {
        if (message == null) {
            return "(no message)";
        }
        return SECRET.matcher(URL.matcher(message).replaceAll("<jdbc url>")).replaceAll("$1=***");
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restore(Connection connection, boolean autoCommit) throws SQLException {
        if (!connection.isClosed()) {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Runs an INSERT that may collide with an existing row on a unique key; returns 0 instead of failing
     * then. PostgreSQL skips the row ({@code ON CONFLICT DO NOTHING}, which keeps the transaction usable); H2
     * rolls back only the failed statement, so the violation is caught.
     */
    public int insertIgnoring(PreparedStatement insert) throws SQLException {
        try {
            return insert.executeUpdate();
        } catch (SQLException e) {
            if (dialect == Dialect.H2 && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    /** The suffix {@link #insertIgnoring} needs on an INSERT in this dialect. */
    public String ignoreConflicts() {
        return dialect == Dialect.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "";
    }

    /**
     * An upsert: insert a row, or replace the columns of the row with the same key. {@code columns} lists
     * every column, the key columns first.
     */
    public String upsert(String table, int keyColumns, String... columns) {
        String names = String.join(", ", columns);
        String marks = "?" + ", ?".repeat(columns.length - 1);
        String keys = String.join(", ", java.util.Arrays.copyOf(columns, keyColumns));
        if (dialect == Dialect.H2) {
            return "MERGE INTO " + t(table) + " (" + names + ") KEY (" + keys + ") VALUES (" + marks + ")";
        }
        StringBuilder set = new StringBuilder();
        for (int i = keyColumns; i < columns.length; i++) {
            set.append(set.length() == 0 ? "" : ", ")
                    .append(columns[i])
                    .append(" = EXCLUDED.")
                    .append(columns[i]);
        }
        return "INSERT INTO " + t(table) + " (" + names + ") VALUES (" + marks + ") ON CONFLICT (" + keys
                + ") DO UPDATE SET " + set;
    }

    /** Binds an instant as a UTC timestamp with time zone. */
    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** Binds an optional instant, NULL if empty. */
    public static void setInstant(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            setInstant(ps, index, instant.get());
        } else {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /** Binds an optional URI or text, NULL if empty. */
    public static void setOptional(PreparedStatement ps, int index, Optional<?> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get().toString());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    /** Reads a timestamp column as an instant, empty if NULL. */
    public static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }

    /** Reads a NOT NULL timestamp column. */
    public static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
        return instant(rs, column).orElseThrow(() -> new SQLException(column + " is NULL"));
    }

    /** Reads a URI column, empty if NULL. */
    public static Optional<URI> uri(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column)).map(URI::create);
    }
}
