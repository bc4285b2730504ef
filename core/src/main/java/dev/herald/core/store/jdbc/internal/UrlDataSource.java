package dev.herald.core.store.jdbc.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a JDBC URL, opened with {@link DriverManager}, that keeps up to {@value #MAX_IDLE}
 * connections open between operations: opening a PostgreSQL connection costs milliseconds (a process on the
 * server, authentication), as much as the statements of a small transaction. A connection handed back is reused
 * only if it is open, in auto-commit mode and free of warnings of a failed state; one idle for longer than {@link
 * #IDLE_CHECK} is checked with {@link Connection#isValid} before reuse. Not part of the API. Thread-safe.
 */
public final class UrlDataSource implements DataSource, AutoCloseable {
    /** Connections kept open while idle. */
    public static final int MAX_IDLE = 8;

    /** How long a connection may idle before it is checked. */
    public static final Duration IDLE_CHECK = Duration.ofSeconds(30);

    private final String url;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    private record Idle(Connection connection, long since) {}

    /** Connections to {@code url}, which must carry no password (it is not kept secret here). */
    public UrlDataSource(String url) {
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        while (true) {
            Idle next;
            synchronized (idle) {
                if (closed) {
                    throw new SQLException("the store's connections are closed");
                }
                next = idle.pollFirst();
            }
            if (next == null) {
                return pooled(DriverManager.getConnection(url));
            }
            boolean stale = System.nanoTime() - next.since() > IDLE_CHECK.toNanos();
            if (!stale || next.connection().isValid(2)) {
                return pooled(next.connection());
            }
            closeQuietly(next.connection());
        }
    }

    /** Closes the idle connections and every connection handed back later. */
    @Override
    public void close() {
        List<Idle> all;
        synchronized (idle) {
            closed = true;
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(i -> closeQuietly(i.connection()));
    }

    /** A view of {@code physical} whose {@code close()} hands it back instead of closing it. */
    private Connection pooled(Connection physical) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!returned[0]) {
                                returned[0] = true;
                                handBack(physical);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned[0] || physical.isClosed();
                        }
                        case "unwrap" -> {
                            Class<?> iface = (Class<?>) args[0];
                            return iface.isInstance(proxy) ? proxy : physical.unwrap(iface);
                        }
                        case "isWrapperFor" -> {
                            Class<?> iface = (Class<?>) args[0];
                            return iface.isInstance(proxy) || physical.isWrapperFor(iface);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "toString" -> {
                            return "pooled " + physical;
                        }
                        default -> {
                            if (returned[0]) {
                                throw new SQLException("connection already handed back");
                            }
                            try {
                                return method.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private void handBack(Connection physical) {
        boolean keep;
        try {
            keep = !physical.isClosed() && physical.getAutoCommit();
        } catch (SQLException e) {
            keep = false;
        }
        if (keep) {
            synchronized (idle) {
                if (!closed && idle.size() < MAX_IDLE) {
                    idle.addFirst(new Idle(physical, System.nanoTime()));
                    return;
                }
            }
        }
        closeQuietly(physical);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // it is being discarded
        }
    }

    /** Not pooled: a connection with other credentials than the URL's. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Not used.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Not used.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "UrlDataSource[" + url + "]";
    }
}
