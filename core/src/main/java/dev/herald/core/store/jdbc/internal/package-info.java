/** The JDBC store's implementation: SQL, migrations, the queue protocol. Not part of the API: not exported. */
package dev.herald.core.store.jdbc.internal;
