package dev.herald.core.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM (Zonky's embedded binaries from Maven Central; no Docker),
 * started on first use and stopped when the JVM exits. Each test isolates itself with its own table
 * prefix. Thread-safe.
 */
final class EmbeddedPostgresServer {
    private static EmbeddedPostgres server;
    private static PooledDataSource pool;

    private EmbeddedPostgresServer() {}

    /** A small pool of connections to the server's {@code postgres} database, shared by the tests. */
    static synchronized DataSource dataSource() {
        if (server == null) {
            try {
                // Running as root: Zonky runs initdb, pg_ctl and postgres under "unshare -U" (a user
                // namespace), because initdb refuses to run as root; it detects this by itself.
                server = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            pool = new PooledDataSource(server.getPostgresDatabase(), 16);
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop));
        }
        return pool;
    }

    /** A data source that opens a new connection each time (no pool), for tests of connection handling. */
    static synchronized DataSource unpooled() {
        dataSource();
        return server.getPostgresDatabase();
    }

    private static synchronized void stop() {
        try {
            pool.closeAll();
            server.close();
        } catch (IOException e) {
            // The JVM is exiting; the server's directory is temporary.
        }
    }
}
