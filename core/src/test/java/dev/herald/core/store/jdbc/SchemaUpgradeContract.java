package dev.herald.core.store.jdbc;

import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.EngagementCounts;
import dev.herald.core.store.Follower;
import dev.herald.core.store.JobState;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.StoreException;
import dev.herald.core.store.jdbc.internal.Db;
import dev.herald.core.store.jdbc.internal.Schema;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database left at every earlier schema version, with data written the way that version wrote it, opens
 * at the latest version with the data intact and usable. Each dialect's test extends this class.
 */
abstract class SchemaUpgradeContract {
    /** The database to build the old schemas in. */
    abstract DataSource dataSource();

    /** The dialect of {@link #dataSource()}. */
    abstract Dialect dialect();

    /** A table prefix no other test uses. */
    abstract String freshPrefix();

    static IntStream earlierVersions() {
        return IntStream.range(0, JdbcStore.latestSchemaVersion());
    }

    @ParameterizedTest(name = "from version {0}")
    @MethodSource("earlierVersions")
    void databaseAtAnEarlierVersionUpgradesWithItsDataIntact(int version) throws SQLException {
        String prefix = freshPrefix();
        Db db = new Db(dataSource(), dialect(), prefix);
        Schema.migrateTo(db, version);
        assertThat(Schema.current(db)).isEqualTo(version);
        try (Connection c = dataSource().getConnection()) {
            seed(c, prefix, version);
        }

        try (JdbcStore store =
                JdbcStore.builder().dataSource(dataSource()).tablePrefix(prefix).build()) {
            assertThat(store.schemaVersion()).isEqualTo(JdbcStore.latestSchemaVersion());
            if (version >= 2) {
                assertThat(store.deliveries().counts())
                        .containsEntry(JobState.PENDING, 1L)
                        .containsEntry(JobState.DONE, 1L)
                        .containsEntry(JobState.GIVEN_UP, 1L);
                assertThat(store.deliveries().backlogByHost(10))
                        .extracting(b -> b.host())
                        .containsExactly("c.example");
            }
            if (version >= 1) {
                assertThat(store.keyPairs().find("news").orElseThrow().publicKeyPem())
                        .isEqualTo("PUBLIC");
                assertThat(store.objects()
                                .listByActor("news", PageRequest.first(10))
                                .items())
                        .extracting(o -> o.json())
                        .containsExactly("{\"n\":1}");
                assertThat(store.following().count("news")).isEqualTo(1);
                assertThat(store.followers().count("news", Follower.State.ACCEPTED))
                        .isEqualTo(2);
                // Version 2 derived each follower's delivery inbox: the shared one where there is one.
                List<URI> inboxes = new ArrayList<>();
                store.followers().forEachDeliveryInbox("news", inboxes::add);
                assertThat(inboxes)
                        .containsExactlyInAnyOrder(uri("a.example", "/inbox"), uri("b.example", "/users/b/inbox"));
                store.deliveries()
                        .enqueue(DeliveryBatch.toFollowers(uri("site.example", "/act/9"), "news", "{}"), at(0));
                assertThat(store.deliveries().backlogByHost(10))
                        .extracting(b -> b.host())
                        .contains("a.example", "b.example");
            }
            if (version >= 2) {
                assertThat(store.inbox()
                                .accept(new dev.herald.core.store.InboxActivity(
                                        uri("r.example", "/likes/1"), uri("r.example", "/u"), "{}", at(0))))
                        .isFalse();
                assertThat(store.remoteActors().findByKeyId(uri("r.example", "/u#key")))
                        .isPresent();
                assertThat(store.deliveries().claim("w", 100, Duration.ofMinutes(1), at(10)))
                        .extracting(j -> j.activityId())
                        .contains(uri("site.example", "/act/1"));
            }
            if (version >= 3) {
                assertThat(store.engagement().counts(uri("site.example", "/notes/1")))
                        .isEqualTo(new EngagementCounts(1, 0, 0, 0));
                assertThat(store.hostHealth().find("down.example").orElseThrow().consecutiveFailures())
                        .isEqualTo(4);
            }
            // Version 4 added quote authorizations: usable whichever version the database came from.
            QuoteAuthorization asked = new QuoteAuthorization(
                    uri("site.example", "/actors/news/quote-authorizations/1"),
                    "news",
                    uri("site.example", "/notes/1"),
                    uri("r.example", "/notes/2"),
                    uri("r.example", "/u"),
                    uri("r.example", "/quote-requests/1"),
                    uri("r.example", "/u/inbox"),
                    QuoteAuthorization.State.PENDING,
                    at(0),
                    java.util.Optional.empty());
            store.quoteAuthorizations().put(asked);
            assertThat(store.quoteAuthorizations().find(asked.id())).contains(asked);
        }
    }

    @Test
    void reopeningAtTheLatestVersionChangesNothing() {
        String prefix = freshPrefix();
        JdbcStore.builder().dataSource(dataSource()).tablePrefix(prefix).build().close();
        Db db = new Db(dataSource(), dialect(), prefix);

        assertThat(Schema.migrate(db)).isEqualTo(JdbcStore.latestSchemaVersion());
        assertThat(Schema.current(db)).isEqualTo(JdbcStore.latestSchemaVersion());
    }

    @Test
    void databaseFromANewerHeraldIsRefused() throws SQLException {
        String prefix = freshPrefix();
        JdbcStore.builder().dataSource(dataSource()).tablePrefix(prefix).build().close();
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix
                        + "schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, 99);
            ps.setString(2, "from the future");
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }

        assertThatThrownBy(() -> JdbcStore.builder()
                        .dataSource(dataSource())
                        .tablePrefix(prefix)
                        .build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("version 99")
                .hasMessageContaining("upgrade Herald");
    }

    /** Writes rows the way the code of {@code version} did, straight into its tables. */
    private static void seed(Connection c, String p, int version) throws SQLException {
        if (version >= 1) {
            insert(c, "INSERT INTO " + p + "key_pairs VALUES (?, ?, ?, ?)", "news", "PRIVATE", "PUBLIC", at(0));
            insert(
                    c,
                    "INSERT INTO " + p + "objects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "https://site.example/notes/1",
                    "news",
                    "Note",
                    "{\"n\":1}",
                    at(0),
                    null,
                    null,
                    "PUBLIC",
                    false);
            insert(
                    c,
                    "INSERT INTO " + p + "following VALUES (?, ?, ?, ?, ?)",
                    "news",
                    "https://r.example/u",
                    null,
                    true,
                    at(0));
            String followers = "INSERT INTO " + p + "followers (actor, follower, inbox, shared_inbox, follow_activity,"
                    + " state, since" + (version >= 2 ? ", delivery_inbox, delivery_host" : "") + ") VALUES (?, ?, ?,"
                    + " ?, ?, ?, ?" + (version >= 2 ? ", ?, ?" : "") + ")";
            List<Object> a = new ArrayList<>(List.of(
                    "news",
                    "https://a.example/users/a",
                    "https://a.example/users/a/inbox",
                    "https://a.example/inbox",
                    "https://a.example/f/1",
                    "ACCEPTED",
                    at(0)));
            List<Object> b =
                    new ArrayList<>(List.of("news", "https://b.example/users/b", "https://b.example/users/b/inbox"));
            b.add(null);
            b.add(null);
            b.addAll(List.of("ACCEPTED", at(1)));
            if (version >= 2) {
                a.addAll(List.of("https://a.example/inbox", "a.example"));
                b.addAll(List.of("https://b.example/users/b/inbox", "b.example"));
            }
            insert(c, followers, a.toArray());
            insert(c, followers, b.toArray());
        }
        if (version >= 2) {
            insert(
                    c,
                    "INSERT INTO " + p + "delivery_payloads (activity_id, actor, payload, created_at)"
                            + " VALUES (?, ?, ?, ?)",
                    "https://site.example/act/1",
                    "news",
                    "{}",
                    at(0));
            insert(
                    c,
                    "INSERT INTO " + p + "delivery_jobs (payload_id, inbox, host, state, attempts, due_at,"
                            + " created_at, updated_at) SELECT id, ?, ?, ?, ?, ?, ?, ? FROM " + p + "delivery_payloads",
                    "https://c.example/inbox",
                    "c.example",
                    "PENDING",
                    0,
                    at(0),
                    at(0),
                    at(0));
            for (String finished : List.of("DONE", "GIVEN_UP")) {
                insert(
                        c,
                        "INSERT INTO " + p + "delivery_jobs (payload_id, inbox, host, state, attempts, due_at,"
                                + " created_at, updated_at) SELECT id, ?, ?, ?, ?, ?, ?, ? FROM " + p
                                + "delivery_payloads",
                        "https://" + finished.toLowerCase(java.util.Locale.ROOT) + ".example/inbox",
                        finished.toLowerCase(java.util.Locale.ROOT) + ".example",
                        finished,
                        1,
                        null,
                        at(0),
                        at(1));
            }
            insert(
                    c,
                    "INSERT INTO " + p + "inbox (activity_id, actor, document, received_at, state, attempts,"
                            + " due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "https://r.example/likes/1",
                    "https://r.example/u",
                    "{}",
                    at(0),
                    "PENDING",
                    0,
                    at(0),
                    at(0));
            insert(
                    c,
                    "INSERT INTO " + p + "remote_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "https://r.example/u",
                    "https://r.example/u#key",
                    "PEM",
                    null,
                    null,
                    "{}",
                    at(0),
                    at(3600));
        }
        if (version >= 3) {
            insert(
                    c,
                    "INSERT INTO " + p + "engagements VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "https://r.example/likes/9",
                    "LIKE",
                    "https://site.example/notes/1",
                    "https://r.example/u",
                    at(0),
                    null,
                    null);
            insert(c, "INSERT INTO " + p + "host_health VALUES (?, ?, ?, ?, ?)", "down.example", 4, at(0), null, at(5));
        }
    }

    private static void insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v instanceof Instant instant) {
                    ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
                } else if (v == null) {
                    ps.setNull(i + 1, java.sql.Types.NULL);
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            ps.executeUpdate();
        }
    }
}
