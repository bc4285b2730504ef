package dev.herald.core.store.jdbc;

import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.EngagementStore;
import dev.herald.core.store.FollowerStore;
import dev.herald.core.store.FollowingStore;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.HostHealthStore;
import dev.herald.core.store.InboxStore;
import dev.herald.core.store.KeyPairStore;
import dev.herald.core.store.ObjectStore;
import dev.herald.core.store.QuoteAuthorizationStore;
import dev.herald.core.store.RemoteActorCache;
import dev.herald.core.store.StoreException;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.jdbc.internal.Db;
import dev.herald.core.store.jdbc.internal.H2Sync;
import dev.herald.core.store.jdbc.internal.Schema;
import dev.herald.core.store.jdbc.internal.Stores;
import dev.herald.core.store.jdbc.internal.UrlDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link HeraldStore} in a SQL database reached through JDBC: H2 (the embedded default) or PostgreSQL.
 * Herald's tables carry a prefix ({@code herald_} by default) and their own version table, {@code
 * <prefix>schema_version}, so they live beside a site's own tables and its own migration tool; {@link
 * Builder#build()} brings them up to date. Thread-safe: every operation takes a connection from the data
 * source for one transaction and gives it back.
 *
 * <pre>{@code
 * HeraldStore store = JdbcStore.embeddedH2(dataDir);                         // a file, nothing to install
 * HeraldStore store = JdbcStore.builder().dataSource(sitePool).tablePrefix("fedi_").build();  // PostgreSQL
 * }</pre>
 */
public final class JdbcStore implements HeraldStore {
    /** The default table prefix. */
    public static final String DEFAULT_PREFIX = "herald_";

    /** The default limit on a queued or received activity's JSON, in characters (1 Mi). */
    public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;

    /** The largest payload limit the builder takes (16 Mi characters). */
    public static final int MAX_PAYLOAD = 1 << 24;

    /** The largest page cache the builder gives the embedded H2 database, in MiB. */
    public static final int MAX_H2_CACHE_MIB = 1024;

    /** The default housekeeping interval of the embedded H2 database: H2's own default write delay. */
    public static final Duration DEFAULT_H2_HOUSEKEEPING = Duration.ofMillis(500);

    /**
     * The default retention of the embedded H2 database: how long file space that no longer holds live data is kept
     * before H2 reuses it (H2's own default is 45 s).
     */
    public static final Duration DEFAULT_H2_RETENTION = Duration.ofSeconds(5);

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");

    private final Stores stores;
    private final Dialect dialect;
    private final Optional<Connection> anchor;
    private final Optional<UrlDataSource> owned;
    private final Optional<H2Sync> sync;

    private JdbcStore(
            Stores stores,
            Dialect dialect,
            Optional<Connection> anchor,
            Optional<UrlDataSource> owned,
            Optional<H2Sync> sync) {
        this.stores = stores;
        this.dialect = dialect;
        this.anchor = anchor;
        this.owned = owned;
        this.sync = sync;
    }

    /** A builder: set a data source (or an embedded H2 directory), then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The embedded default: an H2 database in {@code dataDir/herald.mv.db}, created (with the directory) if
     * missing, opened by this store and closed by {@link #close()}.
     *
     * @throws StoreException if the database cannot be opened (H2 not on the class path, file locked by
     *     another process)
     */
    public static JdbcStore embeddedH2(Path dataDir) {
        return builder().embeddedH2(dataDir).build();
    }

    /** The dialect in use. */
    public Dialect dialect() {
        return dialect;
    }

    /** The table prefix in use. */
    public String tablePrefix() {
        return stores.db().prefix();
    }

    /** The schema version of the database (after {@link Builder#build()}, the latest). */
    public int schemaVersion() {
        return Schema.current(stores.db());
    }

    /** The schema version this Herald's code reads and writes. */
    public static int latestSchemaVersion() {
        return Schema.latest();
    }

    /**
     * The default page cache of the embedded H2 database, in MiB: a sixteenth of this JVM's maximum heap, from 1 to
     * 16 MiB. (H2's own default is 16 MiB whatever the heap: a quarter of a 64 MiB one.)
     */
    public static int defaultH2CacheMiB() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        long sixteenth = maxHeap == Long.MAX_VALUE ? 16 : maxHeap / 16 / (1024 * 1024);
        return (int) Math.max(1, Math.min(16, sixteenth));
    }

    @Override
    public KeyPairStore keyPairs() {
        return stores.keyPairs();
    }

    @Override
    public ObjectStore objects() {
        return stores.objects();
    }

    @Override
    public FollowerStore followers() {
        return stores.followers();
    }

    @Override
    public FollowingStore following() {
        return stores.following();
    }

    @Override
    public DeliveryStore deliveries() {
        return stores.deliveries();
    }

    @Override
    public InboxStore inbox() {
        return stores.inbox();
    }

    @Override
    public RemoteActorCache remoteActors() {
        return stores.remoteActors();
    }

    @Override
    public HostHealthStore hostHealth() {
        return stores.hostHealth();
    }

    @Override
    public EngagementStore engagement() {
        return stores.engagement();
    }

    @Override
    public QuoteAuthorizationStore quoteAuthorizations() {
        return stores.quoteAuthorizations();
    }

    /** {@inheritDoc} One database transaction. */
    @Override
    public int publish(StoredObject object, DeliveryBatch deliveries, Instant now) {
        return stores.publish(object, deliveries, now);
    }

    /**
     * Refuses further use and, for the embedded H2 database this store opened, closes it. A data source the
     * application passed in is left open.
     */
    @Override
    public void close() {
        sync.ifPresent(H2Sync::close);
        stores.db().close();
        owned.ifPresent(UrlDataSource::close);
        if (anchor.isPresent()) {
            try {
                anchor.get().close();
            } catch (SQLException e) {
                throw new StoreException("could not close the embedded H2 database", e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcStore[" + dialect + ", tables " + tablePrefix() + "*]";
    }

    /** Builds a {@link JdbcStore}. Not thread-safe: use one builder from one thread. */
    public static final class Builder {
        private DataSource dataSource;
        private boolean ownsDataSource;
        private Path h2Directory;
        private Dialect dialect;
        private String prefix = DEFAULT_PREFIX;
        private int maxPayload = DEFAULT_MAX_PAYLOAD;
        private Integer h2CacheMiB;
        private Duration h2Housekeeping;
        private Duration h2Retention;
        private int purgeBatch = Stores.PURGE_BATCH;

        private Builder() {}

        /** The site's data source (a pool, ideally). The store borrows a connection per operation. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.h2Directory = null;
            this.ownsDataSource = false;
            return this;
        }

        /**
         * Instead of a pool: a JDBC URL (credentials in the URL, as the driver accepts them), opened with
         * {@code DriverManager}, up to 8 connections kept open between operations and closed by {@link
         * #close()}. For command-line tools, demos and the sample server; a site should hand over its own pool
         * with {@link #dataSource(DataSource)}.
         */
        public Builder jdbcUrl(String url) {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("url must start with jdbc:");
            }
            dataSource(new UrlDataSource(url));
            this.ownsDataSource = true;
            return this;
        }

        /** Instead of a data source: an H2 database file in {@code dataDir}, opened and closed by the store. */
        public Builder embeddedH2(Path dataDir) {
            Objects.requireNonNull(dataDir, "dataDir");
            if (dataDir.toAbsolutePath().toString().contains(";")) {
                throw new IllegalArgumentException("dataDir must not contain ';': " + dataDir);
            }
            this.h2Directory = dataDir.toAbsolutePath();
            this.dataSource = null;
            this.dialect = Dialect.H2;
            return this;
        }

        /** The dialect; by default detected from the database's product name. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * The prefix of Herald's table names: a lower-case letter, then up to 29 lower-case letters, digits or
         * underscores. Default {@value JdbcStore#DEFAULT_PREFIX}.
         */
        public Builder tablePrefix(String prefix) {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException(
                        "tablePrefix must be a lower-case letter then up to 29 of [a-z0-9_]: " + prefix);
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * The longest activity JSON the queues store, in characters, 1 to {@value JdbcStore#MAX_PAYLOAD}.
         * Default {@value JdbcStore#DEFAULT_MAX_PAYLOAD}.
         */
        public Builder maxPayload(int maxPayload) {
            if (maxPayload < 1 || maxPayload > MAX_PAYLOAD) {
                throw new IllegalArgumentException(
                        "maxPayload must be between 1 and " + MAX_PAYLOAD + ": " + maxPayload);
            }
            this.maxPayload = maxPayload;
            return this;
        }

        /**
         * The embedded H2 database's page cache, in MiB, 1 to {@value JdbcStore#MAX_H2_CACHE_MIB}. Default {@link
         * JdbcStore#defaultH2CacheMiB()}: a sixteenth of the heap, at most 16 MiB. For {@link #embeddedH2} only.
         */
        public Builder h2CacheMiB(int mebibytes) {
            if (mebibytes < 1 || mebibytes > MAX_H2_CACHE_MIB) {
                throw new IllegalArgumentException(
                        "h2CacheMiB must be between 1 and " + MAX_H2_CACHE_MIB + ": " + mebibytes);
            }
            this.h2CacheMiB = mebibytes;
            return this;
        }

        /**
         * How often H2 tidies the embedded database's file, 10 ms to 1 minute: H2 looks for chunks of the file that
         * are mostly stale every third of this, and rewrites their live pages so that the chunks can be freed. Default
         * {@link JdbcStore#DEFAULT_H2_HOUSEKEEPING}. Commits are written before they return whatever the interval. For
         * {@link #embeddedH2} only.
         */
        public Builder h2Housekeeping(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("h2Housekeeping must be between 10 ms and 1 minute: " + interval);
            }
            this.h2Housekeeping = interval;
            return this;
        }

        /**
         * How long the embedded H2 database keeps file space that no longer holds live data before reusing it, 1 s to
         * 10 minutes; the store forces the file to the disk every fifth of this, so that what replaced the data is on
         * the disk before its old space is overwritten (a power cut then cannot leave the file pointing at overwritten
         * pages). H2 tracks each piece of that space (a chunk; one per commit) in the heap until it is reused, about
         * 270 bytes each: at 2,000 commits a second, H2's own 45 s meant some 90,000 chunks, over 20 MiB. Default {@link
         * JdbcStore#DEFAULT_H2_RETENTION}. For {@link #embeddedH2} only.
         */
        public Builder h2Retention(Duration retention) {
            Objects.requireNonNull(retention, "retention");
            if (retention.compareTo(Duration.ofSeconds(1)) < 0 || retention.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("h2Retention must be between 1 s and 10 minutes: " + retention);
            }
            this.h2Retention = retention;
            return this;
        }

        /**
         * The rows a purge reads per transaction, 1 to {@link Stores#PURGE_BATCH} (the default). Not part of the API:
         * the conformance tests set a small one, so that their purges take several transactions.
         */
        Builder purgeBatch(int rows) {
            if (rows < 1 || rows > Stores.PURGE_BATCH) {
                throw new IllegalArgumentException(
                        "purgeBatch must be between 1 and " + Stores.PURGE_BATCH + ": " + rows);
            }
            this.purgeBatch = rows;
            return this;
        }

        /**
         * Opens the store: detects the dialect if none was set, then migrates Herald's tables to the latest
         * schema version.
         *
         * @throws IllegalStateException if neither a data source nor an H2 directory was set, or an H2 setting
         *     without an H2 directory
         * @throws StoreException if the database cannot be reached or migrated
         */
        public JdbcStore build() {
            Optional<Connection> anchor = Optional.empty();
            Optional<H2Sync> sync = Optional.empty();
            DataSource source = dataSource;
            if (h2Directory != null) {
                int cache = h2CacheMiB != null ? h2CacheMiB : defaultH2CacheMiB();
                Duration housekeeping = h2Housekeeping != null ? h2Housekeeping : DEFAULT_H2_HOUSEKEEPING;
                Duration retention = h2Retention != null ? h2Retention : DEFAULT_H2_RETENTION;
                source = new UrlDataSource(h2Url(h2Directory, cache, housekeeping, retention));
                anchor = Optional.of(open(source));
                sync = Optional.of(new H2Sync(source, retention.dividedBy(5)));
                ownsDataSource = true;
            } else if (source == null) {
                throw new IllegalStateException("set dataSource(...) or embeddedH2(...) before build()");
            } else if (h2CacheMiB != null || h2Housekeeping != null || h2Retention != null) {
                throw new IllegalStateException("h2CacheMiB, h2Housekeeping and h2Retention are for embeddedH2(...); a"
                        + " data source brings its own settings (in its JDBC URL)");
            }
            try {
                Dialect detected = dialect != null ? dialect : detect(source);
                // The embedded database writes every commit itself (see h2Url).
                Db db = new Db(source, detected, prefix, h2Directory != null);
                Schema.migrate(db);
                Optional<UrlDataSource> owned = ownsDataSource ? Optional.of((UrlDataSource) source) : Optional.empty();
                return new JdbcStore(Stores.over(db, maxPayload, purgeBatch), detected, anchor, owned, sync);
            } catch (RuntimeException e) {
                sync.ifPresent(H2Sync::close);
                anchor.ifPresent(Builder::closeQuietly);
                if (ownsDataSource && source instanceof UrlDataSource own) {
                    own.close();
                }
                throw e;
            }
        }

        /**
         * The embedded database's URL. WRITE_DELAY is H2's background writer's period: it also tidies the file (H2
         * rewrites mostly stale chunks only there). With WRITE_DELAY=0 there is no background writer and the file is
         * never tidied while open: every commit leaves a chunk, and the chunks that keep a live page stay, on disk
         * (gigabytes for 100,000 followers) and in the heap (H2 keeps every chunk's metadata). So commits are not
         * left to the writer: the store writes each one before it returns (Db's writeEachCommit), so a killed process
         * loses nothing committed (docs/storage.md has the one narrow exception). RETENTION_TIME: see h2Retention.
         * CACHE_SIZE is in KiB.
         */
        private static String h2Url(Path directory, int cacheMiB, Duration housekeeping, Duration retention) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new StoreException("could not create the data directory " + directory, e);
            }
            return "jdbc:h2:file:" + directory.resolve("herald") + ";WRITE_DELAY=" + housekeeping.toMillis()
                    + ";RETENTION_TIME=" + retention.toMillis() + ";CACHE_SIZE=" + cacheMiB * 1024
                    + ";LOCK_TIMEOUT=10000";
        }

        /** Keeps one connection open for the store's life, so H2 keeps the database open between operations. */
        private static Connection open(DataSource source) {
            try {
                return source.getConnection();
            } catch (SQLException e) {
                throw new StoreException(
                        "could not open the embedded H2 database (is com.h2database:h2 on the class path, and the"
                                + " file not open in another process?): " + Db.redact(e.getMessage()),
                        e);
            }
        }

        private static Dialect detect(DataSource source) {
            String product;
            try (Connection c = source.getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new StoreException(
                        "could not connect to detect the database (SQL state " + e.getSQLState() + "): "
                                + Db.redact(e.getMessage()),
                        e);
            }
            if ("H2".equals(product)) {
                return Dialect.H2;
            }
            if ("PostgreSQL".equals(product)) {
                return Dialect.POSTGRESQL;
            }
            throw new IllegalArgumentException(
                    "dataSource is a " + product + " database; Herald speaks H2 and PostgreSQL (set dialect(...)"
                            + " only for a compatible database)");
        }

        private static void closeQuietly(Connection c) {
            try {
                c.close();
            } catch (SQLException e) {
                // Already failing; the first error is the one to report.
            }
        }
    }
}
