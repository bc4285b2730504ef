package dev.herald.core.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for tests: at most {@code size} connections; {@code close()} on a borrowed
 * connection gives it back. Opening a PostgreSQL connection costs a process on the server, too much for
 * tests that make ten thousand small transactions. Thread-safe.
 */
final class PooledDataSource implements DataSource {
    private final DataSource target;
    private final BlockingQueue<Connection> idle;
    private final Semaphore permits;

    PooledDataSource(DataSource target, int size) {
        this.target = target;
        this.idle = new ArrayBlockingQueue<>(size);
        this.permits = new Semaphore(size);
    }

    @Override
    public Connection getConnection() throws SQLException {
        permits.acquireUninterruptibly();
        try {
            Connection real = idle.poll();
            if (real == null || real.isClosed()) {
                real = target.getConnection();
            }
            return wrap(real);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection wrap(Connection real) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (!returned[0]) {
                            returned[0] = true;
                            if (!real.getAutoCommit()) {
                                real.rollback();
                                real.setAutoCommit(true);
                            }
                            idle.offer(real);
                            permits.release();
                        }
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return returned[0] || real.isClosed();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Closes the idle connections. */
    void closeAll() {
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Shutting down.
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) {
        throw new UnsupportedOperationException("the pool has one user");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
