package dev.herald.samples.it;

import static dev.herald.samples.it.SampleProcess.eventually;
import static dev.herald.samples.it.SampleProcess.json;

import dev.herald.core.fetch.RemoteServer;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.PublicKey;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.signatures.SigningKey;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A remote actor, {@code bob}, on a loopback {@link RemoteServer} who quotes the sample's posts as Mastodon 4.5 does:
 * it serves bob's actor document (with his key) and his quoting posts, posts signed {@code QuoteRequest}s to the
 * sample's inbox, and keeps what the sample delivers to bob's inbox. The sample must run with {@code
 * --allow-private-network}. Thread-safe.
 */
final class QuotingActor implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INBOX = "/users/bob/inbox";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RemoteServer remote;
    private final KeyPair keys = KeyPairs.rsa2048();
    private final URI id;

    private QuotingActor() {
        remote = RemoteServer.start();
        id = remote.uri("/users/bob");
        Actor actor = Actor.builder(id, ActorType.PERSON, remote.uri(INBOX))
                .addPublicKey(new PublicKey(URI.create(id + "#main-key"), id, Pem.write(keys.getPublic())))
                .build();
        remote.on(
                        "/users/bob",
                        RemoteServer.Answer.activity(DocumentWriter.create().write(actor)))
                .on(INBOX, RemoteServer.Answer.status(202));
    }

    /** Starts bob's server. */
    static QuotingActor start() {
        return new QuotingActor();
    }

    /** Bob's actor id. */
    URI id() {
        return id;
    }

    /** Bob's post {@code /users/bob/statuses/NAME}, quoting {@code quoted}, served from now on. */
    URI post(String name, URI quoted) {
        URI post = remote.uri("/users/bob/statuses/" + name);
        remote.on(
                post.getPath(),
                RemoteServer.Answer.activity("{\"@context\": \"https://www.w3.org/ns/activitystreams\", \"id\": \""
                        + post + "\", \"type\": \"Note\", \"attributedTo\": \"" + id + "\", \"content\":"
                        + " \"<p>Look</p>\", \"quote\": \"" + quoted + "\"}"));
        return post;
    }

    /** Answers a GET of bob's {@code post} with {@code answer} from now on (a failing or deleted post). */
    void answer(URI post, RemoteServer.Answer answer) {
        remote.on(post.getPath(), answer);
    }

    /** The id of bob's QuoteRequest {@code NAME}. */
    URI requestId(String name) {
        return URI.create(id + "/quote-requests/" + name);
    }

    /** Bob's QuoteRequest {@code NAME} of {@code quoted} by {@code quoting}, signed and posted to {@code inbox}. */
    HttpResponse<String> request(URI inbox, String name, URI quoted, URI quoting) {
        String body = "{\"@context\": [\"https://www.w3.org/ns/activitystreams\", {\"QuoteRequest\":"
                + " \"https://w3id.org/fep/044f#QuoteRequest\"}], \"id\": \"" + requestId(name)
                + "\", \"type\": \"QuoteRequest\", \"actor\": \"" + id + "\", \"object\": \"" + quoted
                + "\", \"instrument\": \"" + quoting + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpMessage.Request signed = CavageSigner.of(SigningKey.of(id + "#main-key", keys.getPrivate()))
                .sign(
                        HttpMessage.Request.of(
                                "POST", inbox, HttpFields.of("Content-Type", "application/activity+json")),
                        bytes);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(inbox).timeout(WAIT).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.fields().forEach((field, value) -> {
            if (!field.equalsIgnoreCase("host")) {
                request.header(field, value);
            }
        });
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The first activity delivered to bob's inbox that matches, waiting for the sample's delivery engine. */
    JsonObject delivered(Predicate<JsonObject> match) {
        eventually(WAIT, "an activity delivered to bob", () -> received(match).isPresent());
        return received(match).orElseThrow();
    }

    /** The first activity delivered to bob's inbox so far that matches. */
    Optional<JsonObject> received(Predicate<JsonObject> match) {
        return remote.posted(INBOX).stream()
                .map(p -> json(new String(p.body(), StandardCharsets.UTF_8)))
                .filter(match)
                .findFirst();
    }

    @Override
    public void close() {
        remote.close();
    }
}
