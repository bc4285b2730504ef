/**
 * Herald's store in a SQL database: {@link dev.herald.core.store.jdbc.JdbcStore}, on H2 (the embedded
 * default) or PostgreSQL 14+, with a schema Herald versions itself under a configurable table prefix.
 */
package dev.herald.core.store.jdbc;
