/**
 * Herald's storage SPI: narrow interfaces, one per kind of state, gathered by {@link
 * dev.herald.core.store.HeraldStore}. Implementations: {@code store.memory} (tests, demos) and JDBC (H2,
 * PostgreSQL). Every implementation must pass the same conformance suite.
 *
 * <p>All implementations must be thread-safe. Values are immutable records.
 */
package dev.herald.core.store;
