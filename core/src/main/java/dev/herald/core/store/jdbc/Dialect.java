package dev.herald.core.store.jdbc;

/**
 * The SQL dialects {@link JdbcStore} speaks. Pass one to the builder, or let the store detect it from the
 * database's product name. Immutable.
 */
public enum Dialect {
    /**
     * H2 2.x, the embedded default. Claims are safe on a single node (one process opens an H2 file): they
     * are serialized within the store and guarded by a re-check in each update.
     */
    H2,
    /**
     * PostgreSQL 14 or later. Several nodes may share one database: claims use {@code FOR UPDATE SKIP
     * LOCKED}, migrations take an advisory lock.
     */
    POSTGRESQL
}
