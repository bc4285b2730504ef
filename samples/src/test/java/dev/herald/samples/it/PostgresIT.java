package dev.herald.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --jdbc-url: the jar keeps its key pair and posts in PostgreSQL (a real server) across a restart. */
class PostgresIT {
    @TempDir
    Path data;

    @Test
    void keepsEverythingInPostgresql() throws Exception {
        // As root, Zonky runs initdb and postgres under "unshare -U" by itself.
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            String port = String.valueOf(SampleProcess.freePort());
            String key;
            try (SampleProcess first = SampleProcess.start(data, "--port", port, "--jdbc-url", url)) {
                key = publicKey(first);
                assertThat(first.api("POST", "/posts", "{\"content\": \"<p>stored in PostgreSQL</p>\"}")
                                .statusCode())
                        .isEqualTo(201);
            }
            try (SampleProcess second = SampleProcess.start(data, "--port", port, "--jdbc-url", url)) {
                assertThat(publicKey(second)).isEqualTo(key);
                assertThat(second.api("GET", "/posts", null).body()).contains("stored in PostgreSQL");
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    ResultSet tables = c.getMetaData().getTables(null, null, "herald_objects", null)) {
                assertThat(tables.next())
                        .as("Herald's tables are in PostgreSQL")
                        .isTrue();
            }
        }
    }

    private static String publicKey(SampleProcess sample) {
        JsonObject actor = SampleProcess.json(
                SampleProcess.get(sample.actor(), "application/activity+json").body());
        return actor.getJsonObject("publicKey").getString("publicKeyPem");
    }
}
