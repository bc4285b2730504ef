package dev.herald.core.store.jdbc;

import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.JobState;
import dev.herald.core.store.StoreException;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.StoredObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcStore} itself: building, the embedded default, prefixes, transactions, errors. On H2. */
class JdbcStoreTest {
    private H2Databases database;

    @BeforeEach
    void open() {
        database = new H2Databases();
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
    }

    private static StoredObject post(String path) {
        return new StoredObject(
                uri("site.example", path),
                "news",
                "Note",
                "{}",
                at(0),
                Optional.empty(),
                Optional.empty(),
                StoredObject.Visibility.PUBLIC,
                false);
    }

    @Test
    void embeddedDefaultKeepsItsDataInTheDataDirectoryAcrossRestarts(@TempDir Path dir) {
        Path data = dir.resolve("data");
        try (JdbcStore store = JdbcStore.embeddedH2(data)) {
            assertThat(store.dialect()).isEqualTo(Dialect.H2);
            store.keyPairs().findOrCreate("news", () -> new StoredKeyPair("news", "PRIV", "PUB", at(0)));
        }
        assertThat(data.resolve("herald.mv.db")).exists();

        try (JdbcStore reopened = JdbcStore.embeddedH2(data)) {
            assertThat(reopened.keyPairs().find("news")).isPresent();
        }
    }

    @Test
    void closedStoreRefusesWork(@TempDir Path dir) {
        JdbcStore store = JdbcStore.embeddedH2(dir);
        store.close();

        assertThatThrownBy(() -> store.keyPairs().find("news"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void dialectIsDetectedAndTablesCarryThePrefix() throws SQLException {
        try (JdbcStore store = JdbcStore.builder()
                .dataSource(database.dataSource())
                .tablePrefix("fedi_")
                .build()) {
            assertThat(store.dialect()).isEqualTo(Dialect.H2);
            assertThat(store.tablePrefix()).isEqualTo("fedi_");
            assertThat(store.schemaVersion()).isEqualTo(JdbcStore.latestSchemaVersion());
        }
        assertThat(tables(database.dataSource()))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t).startsWith("FEDI_"))
                .contains("FEDI_SCHEMA_VERSION", "FEDI_DELIVERY_JOBS", "FEDI_OBJECTS");
    }

    @Test
    void twoPrefixesInOneDatabaseDoNotSeeEachOther() {
        try (JdbcStore a = JdbcStore.builder()
                        .dataSource(database.dataSource())
                        .tablePrefix("a_")
                        .build();
                JdbcStore b = JdbcStore.builder()
                        .dataSource(database.dataSource())
                        .tablePrefix("b_")
                        .build()) {
            a.objects().put(post("/notes/1"));

            assertThat(a.objects().countByActor("news")).isEqualTo(1);
            assertThat(b.objects().countByActor("news")).isZero();
        }
    }

    @Test
    void builderChecksItsSettings() {
        assertThatThrownBy(() -> JdbcStore.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataSource");
        assertThatThrownBy(() -> JdbcStore.builder().tablePrefix("Herald"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tablePrefix");
        assertThatThrownBy(() -> JdbcStore.builder().tablePrefix("x; DROP TABLE users; --"))
                .hasMessageContaining("tablePrefix");
        assertThatThrownBy(() -> JdbcStore.builder().maxPayload(0)).hasMessageContaining("maxPayload");
        assertThatThrownBy(() -> JdbcStore.builder().maxPayload(JdbcStore.MAX_PAYLOAD + 1))
                .hasMessageContaining("maxPayload");
    }

    @Test
    void embeddedH2SettingsAreCheckedAndRefusedWithoutTheEmbeddedDatabase() {
        assertThatThrownBy(() -> JdbcStore.builder().h2CacheMiB(0)).hasMessageContaining("h2CacheMiB");
        assertThatThrownBy(() -> JdbcStore.builder().h2CacheMiB(JdbcStore.MAX_H2_CACHE_MIB + 1))
                .hasMessageContaining("h2CacheMiB");
        assertThatThrownBy(() -> JdbcStore.builder().h2Housekeeping(Duration.ofMillis(9)))
                .hasMessageContaining("h2Housekeeping");
        assertThatThrownBy(() -> JdbcStore.builder().h2Housekeeping(Duration.ofMinutes(2)))
                .hasMessageContaining("h2Housekeeping");
        assertThatThrownBy(() -> JdbcStore.builder().h2Retention(Duration.ofMillis(999)))
                .hasMessageContaining("h2Retention");
        assertThatThrownBy(() -> JdbcStore.builder().h2Retention(Duration.ofMinutes(11)))
                .hasMessageContaining("h2Retention");
        assertThatThrownBy(() -> JdbcStore.builder()
                        .dataSource(database.dataSource())
                        .h2CacheMiB(4)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embeddedH2");
        assertThat(JdbcStore.defaultH2CacheMiB()).isBetween(1, 16);
    }

    @Test
    void embeddedH2OpensWithItsSettingsAndSyncsUntilClosed(@TempDir Path dir) throws SQLException {
        long syncing = syncThreads();
        try (JdbcStore store = JdbcStore.builder()
                .embeddedH2(dir)
                .h2CacheMiB(3)
                .h2Housekeeping(Duration.ofMillis(250))
                .h2Retention(Duration.ofSeconds(20))
                .build()) {
            // Same JVM, same file: this connection reaches the database the store opened.
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("herald"));
                    var rs = c.createStatement()
                            .executeQuery(
                                    "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                                            + " WHERE SETTING_NAME IN ('WRITE_DELAY', 'RETENTION_TIME', 'info.CACHE_MAX_SIZE')")) {
                java.util.Map<String, String> settings = new java.util.HashMap<>();
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
                assertThat(settings)
                        .containsEntry("WRITE_DELAY", "250")
                        .containsEntry("RETENTION_TIME", "20000")
                        .containsEntry("info.CACHE_MAX_SIZE", "3");
            }
            assertThat(syncThreads()).as("sync threads while open").isEqualTo(syncing + 1);
        }
        assertThat(syncThreads()).as("sync threads after close").isEqualTo(syncing);
    }

    private static long syncThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("herald-h2-sync") && t.isAlive())
                .count();
    }

    @Test
    void payloadLimitIsASetting() {
        try (JdbcStore store = JdbcStore.builder()
                .dataSource(database.dataSource())
                .maxPayload(10)
                .build()) {
            assertThatThrownBy(() -> store.deliveries()
                            .enqueue(
                                    DeliveryBatch.toInboxes(
                                            uri("site.example", "/a/1"), "news", "{\"long\":true}", List.of()),
                                    at(0)))
                    .hasMessageContaining("limit 10");
        }
    }

    @Test
    void publishLeavesNoObjectWhenQueuingItsDeliveriesFails() {
        try (JdbcStore store =
                JdbcStore.builder().dataSource(database.dataSource()).build()) {
            // An inbox longer than the column: the database refuses the job row after the object was written.
            URI tooLong = URI.create("https://x.example/" + "i".repeat(3000));
            DeliveryBatch batch = DeliveryBatch.toInboxes(uri("site.example", "/a/1"), "news", "{}", List.of(tooLong));

            assertThatThrownBy(() -> store.publish(post("/notes/1"), batch, at(0)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("publish https://site.example/notes/1")
                    .hasMessageContaining("tables herald_*");

            assertThat(store.objects().find(uri("site.example", "/notes/1"))).isEmpty();
            assertThat(store.deliveries().counts()).containsEntry(JobState.PENDING, 0L);
        }
    }

    @Test
    void unreachableDatabaseIsAStoreExceptionWithoutTheUrl() {
        DataSource broken = new dev.herald.core.store.jdbc.internal.UrlDataSource(
                "jdbc:nothing-here://db.example/site?password=secret");

        assertThatThrownBy(() -> JdbcStore.builder().dataSource(broken).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("could not connect")
                .hasMessageNotContaining("secret");
    }

    @Test
    void secondEmbeddedStoreOnTheSameDirectoryInOneJvmSharesTheDatabase(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir);
        try (JdbcStore first = JdbcStore.embeddedH2(dir)) {
            // Same JVM, same file: H2 shares the open database, so a second store works (one node).
            try (JdbcStore second = JdbcStore.embeddedH2(dir)) {
                second.objects().put(post("/notes/2"));
            }
            assertThat(first.objects().find(uri("site.example", "/notes/2"))).isPresent();
        }
    }

    private static List<String> tables(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                var rs = c.createStatement()
                        .executeQuery("SELECT table_name FROM information_schema.tables"
                                + " WHERE table_schema = 'PUBLIC' ORDER BY table_name")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    @Test
    void opensAStoreFromAJdbcUrlAndKeepsWhatItStores() {
        String url = "jdbc:h2:mem:url-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (JdbcStore store = JdbcStore.builder().jdbcUrl(url).build()) {
            store.keyPairs().findOrCreate("news", () -> new StoredKeyPair("news", "private", "public", at(0)));
        }
        try (JdbcStore again = JdbcStore.builder().jdbcUrl(url).build()) {
            assertThat(again.keyPairs().find("news"))
                    .hasValueSatisfying(k -> assertThat(k.publicKeyPem()).isEqualTo("public"));
        }
        assertThatThrownBy(() -> JdbcStore.builder().jdbcUrl("postgres://db/site"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:");
    }
}
