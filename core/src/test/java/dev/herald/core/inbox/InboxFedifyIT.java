package dev.herald.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.engagement.EngagementReport;
import dev.herald.core.interop.FedifyPeer;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.store.Engagement;
import dev.herald.core.store.EngagementCounts;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.core.vocab.Addressing;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.NoteType;
import dev.herald.servlet.HeraldTestSite;
import dev.herald.webfinger.NetworkPolicy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real peer against Herald's inbox over HTTP: Fedify 2.3.6 follows Herald's actor and gets the signed Accept,
 * likes, boosts and replies to a post, and undoes each; once signing with draft-cavage first and once with RFC 9421
 * first ({@code --first-knock}).
 */
class InboxFedifyIT {

    @ParameterizedTest
    @ValueSource(strings = {"draft-cavage-http-signatures-12", "rfc9421"})
    void fedifyFollowsLikesBoostsRepliesAndUndoes(String firstKnock) throws Exception {
        InMemoryStore store = new InMemoryStore();
        try (HeraldTestSite site = HeraldTestSite.start(origin -> Federation.builder()
                        .origin(origin)
                        .addActor(ActorProfile.builder("news").name("News").build())
                        .store(store)
                        .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                        .inboxSettings(InboxSettings.builder()
                                .workers(1)
                                .pollInterval(Duration.ofMillis(100))
                                .build())
                        .build());
                Peer bob = new Peer("bob", firstKnock)) {
            Federation federation = site.federation();
            URI news = federation.actorId("news");
            URI post = site.uri("/ap/notes/1");
            publish(store, post, news);
            EngagementReport report = EngagementReport.of(store);

            JsonObject follow = bob.command("follow", "target", news.toString());
            assertThat(follow.getInt("status")).as(follow.toString()).isEqualTo(202);
            JsonObject accept = bob.await(
                    e -> "inbox".equals(e.getString("event", "")) && "Accept".equals(e.getString("type", "")),
                    Duration.ofSeconds(30));
            assertThat(accept.getString("actor")).isEqualTo(news.toString());
            assertThat(accept.getJsonObject("raw").getJsonObject("object").getString("type"))
                    .isEqualTo("Follow");
            assertThat(report.followers("news")).isEqualTo(1);
            assertThat(report.followersByServer("news")).containsOnlyKeys("127.0.0.1");

            assertThat(bob.command("like", "object", post.toString()).getInt("status"))
                    .isEqualTo(202);
            await(() -> report.counts(post).likes() == 1);
            assertThat(bob.command("announce", "object", post.toString()).getInt("status"))
                    .isEqualTo(202);
            await(() -> report.counts(post).boosts() == 1);
            JsonObject reply = bob.command(
                    "reply", "object", post.toString(), "content", "<p>Nice <script>alert(1)</script>post</p>");
            assertThat(reply.getInt("status")).as(reply.toString()).isEqualTo(202);
            await(() -> report.counts(post).replies() == 1);
            Engagement replied = report.who(post, Engagement.Kind.REPLY, PageRequest.first(10))
                    .items()
                    .get(0);
            assertThat(replied.actor().toString()).isEqualTo(bob.ready.getString("actor"));
            assertThat(replied.content())
                    .hasValueSatisfying(
                            html -> assertThat(html).contains("Nice").doesNotContain("script"));

            assertThat(bob.command("unlike", "object", post.toString()).getInt("status"))
                    .isEqualTo(202);
            await(() -> report.counts(post).likes() == 0);
            assertThat(bob.command("unannounce", "object", post.toString()).getInt("status"))
                    .isEqualTo(202);
            await(() -> report.counts(post).boosts() == 0);
            assertThat(bob.command("undo-follow", "target", news.toString()).getInt("status"))
                    .isEqualTo(202);
            await(() -> report.followers("news") == 0);
            assertThat(report.counts(post)).isEqualTo(new EngagementCounts(0, 0, 1, 0));
        }
    }

    @org.junit.jupiter.api.Test
    void fedifysAcceptOfHeraldsFollowIsRecorded() throws Exception {
        InMemoryStore store = new InMemoryStore();
        try (HeraldTestSite site = HeraldTestSite.start(origin -> Federation.builder()
                        .origin(origin)
                        .addActor(ActorProfile.builder("news").name("News").build())
                        .store(store)
                        .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                        .inboxSettings(InboxSettings.builder()
                                .workers(1)
                                .pollInterval(Duration.ofMillis(100))
                                .build())
                        .build());
                Peer bob = new Peer("bob", "rfc9421")) {
            URI news = site.federation().actorId("news");
            URI bobId = URI.create(bob.ready.getString("actor"));
            URI followId = URI.create(news + "#follows/1");
            store.following()
                    .put(new dev.herald.core.store.Following(
                            "news", bobId, Optional.of(followId), false, Instant.now()));
            // Herald has no API to follow yet: send the Follow as the outbox will, signed by news's key.
            String follow = Json.createObjectBuilder()
                    .add("@context", "https://www.w3.org/ns/activitystreams")
                    .add("id", followId.toString())
                    .add("type", "Follow")
                    .add("actor", news.toString())
                    .add("object", bobId.toString())
                    .build()
                    .toString();
            dev.herald.signatures.SigningKey key = dev.herald.signatures.SigningKey.of(
                    news + "#main-key",
                    dev.herald.signatures.Pem.readPrivateKey(
                            store.keyPairs().find("news").orElseThrow().privateKeyPem()));
            byte[] body = follow.getBytes(StandardCharsets.UTF_8);
            URI inbox = URI.create(bob.ready.getString("inbox"));
            dev.herald.signatures.HttpMessage.Request signed = dev.herald.signatures.CavageSigner.of(key)
                    .sign(
                            dev.herald.signatures.HttpMessage.Request.of(
                                    "POST",
                                    inbox,
                                    dev.herald.signatures.HttpFields.of("Content-Type", "application/activity+json")),
                            body);
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(inbox)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            signed.fields().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("host")) {
                    request.header(name, value);
                }
            });
            int status = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            assertThat(status).isEqualTo(202);
            await(() ->
                    store.following().find("news", bobId).map(f -> f.accepted()).orElse(false));
        }
    }

    private static void publish(InMemoryStore store, URI id, URI author) {
        Note note = Note.builder(id, NoteType.NOTE, author)
                .content("<p>Hello from Herald</p>")
                .published(Instant.parse("2026-01-01T00:00:00Z"))
                .addTo(Addressing.PUBLIC)
                .build();
        store.objects()
                .put(new StoredObject(
                        id,
                        "news",
                        "Note",
                        DocumentWriter.create().write(note),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Optional.empty(),
                        Optional.empty(),
                        StoredObject.Visibility.PUBLIC,
                        false));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }

    /** {@code fedify-peer serve} with extra options (FedifyPeer.serve takes none). */
    private static final class Peer implements AutoCloseable {
        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        private final List<JsonObject> seen = new ArrayList<>();
        final JsonObject ready;
        private final String firstKnock;
        private int refs;

        Peer(String handle, String firstKnock) throws IOException {
            this.firstKnock = firstKnock;
            Path stderr = Files.createTempFile("fedify-peer-inbox", ".err");
            process = new ProcessBuilder(
                            "node",
                            "fedify-peer.mjs",
                            "serve",
                            "--port",
                            "0",
                            "--handle",
                            handle,
                            "--first-knock",
                            firstKnock)
                    .directory(FedifyPeer.directory().toFile())
                    .redirectError(stderr.toFile())
                    .start();
            stdin = process.outputWriter(StandardCharsets.UTF_8);
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
                            for (String line; (line = lines.readLine()) != null; ) {
                                if (line.startsWith("{")) {
                                    try (JsonReader r = Json.createReader(new StringReader(line))) {
                                        events.add(r.readObject());
                                    }
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            // The peer stopped.
                        }
                    },
                    "fedify-peer-inbox");
            reader.setDaemon(true);
            reader.start();
            ready = await(e -> "ready".equals(e.getString("event", "")), Duration.ofSeconds(30));
            assertThat(ready.getString("firstKnock")).isEqualTo(firstKnock);
        }

        JsonObject command(String cmd, String... keysAndValues) {
            String ref = "r" + (++refs);
            var builder = Json.createObjectBuilder().add("cmd", cmd).add("ref", ref);
            for (int i = 0; i < keysAndValues.length; i += 2) {
                builder.add(keysAndValues[i], keysAndValues[i + 1]);
            }
            try {
                stdin.write(builder.build() + "\n");
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JsonObject sent = await(
                    e -> "sent".equals(e.getString("event", "")) && ref.equals(e.getString("ref", "")),
                    Duration.ofSeconds(30));
            assertThat(sent.getBoolean("ok")).as(sent.toString()).isTrue();
            // Herald verified the spec Fedify tried first: no fallback to the other one.
            assertThat(sent.getBoolean("doubleKnocked")).as(sent.toString()).isFalse();
            assertThat(sent.getString("signatureSpec")).as(sent.toString()).isEqualTo(firstKnock);
            return sent;
        }

        JsonObject await(Predicate<JsonObject> match, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            synchronized (seen) {
                for (JsonObject e : seen) {
                    if (match.test(e)) {
                        return e;
                    }
                }
            }
            try {
                while (true) {
                    long left = Duration.between(Instant.now(), deadline).toMillis();
                    JsonObject e = left > 0 ? events.poll(left, TimeUnit.MILLISECONDS) : null;
                    if (e == null) {
                        throw new AssertionError("no matching event within " + timeout + "; seen: " + seen);
                    }
                    synchronized (seen) {
                        seen.add(e);
                    }
                    if (match.test(e)) {
                        return e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                stdin.close();
            } catch (IOException e) {
                // Stopping anyway.
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
