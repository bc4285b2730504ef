package dev.herald.core.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection inside one transaction, on the calling thread. */
@FunctionalInterface
public interface SqlWork<T> {
    /** Does the work; the caller commits, or rolls back if this throws. */
    T run(Connection connection) throws SQLException;
}
