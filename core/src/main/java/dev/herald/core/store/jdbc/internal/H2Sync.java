package dev.herald.core.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces an embedded H2 database's file to the disk at a fixed interval ({@code CHECKPOINT SYNC}; H2 itself does
 * it only when it closes). H2 reuses the space of a chunk that holds no live page once the chunk has been dead for
 * its {@code RETENTION_TIME}, assuming that by then the operating system has written the chunks that replaced it:
 * otherwise a power cut could leave the file pointing at overwritten pages. H2's 45 s matches how long Linux may
 * keep writes in its buffers; Herald's embedded store keeps a shorter retention (fewer chunks for H2 to track in the
 * heap) and so syncs well within it. Not part of the API. Thread-safe.
 */
public final class H2Sync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H2Sync.class);

    private final DataSource source;
    private final ScheduledExecutorService timer;
    private volatile boolean failing;

    /** Starts syncing the database behind {@code source} every {@code interval}, on a daemon thread. */
    public H2Sync(DataSource source, Duration interval) {
        this.source = source;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-h2-sync");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::sync, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sync() {
        try (Connection c = source.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
            if (failing) {
                failing = false;
                LOG.info("The H2 file is synced to the disk again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Could not sync the H2 file to the disk (trying again): {}", Db.redact(e.getMessage()));
            }
        }
    }

    /** Stops syncing, after a sync in progress ends. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
