package dev.herald.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresSmokeIT {
    @Test
    void opensAStoreOnARealPostgres() {
        try (JdbcStore store = JdbcStore.builder()
                .dataSource(EmbeddedPostgresServer.dataSource())
                .tablePrefix("smoke_")
                .build()) {
            assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
            assertThat(store.schemaVersion()).isEqualTo(JdbcStore.latestSchemaVersion());
        }
    }
}
