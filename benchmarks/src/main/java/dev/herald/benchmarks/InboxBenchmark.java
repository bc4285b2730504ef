package dev.herald.benchmarks;

import dev.herald.core.ActorProfile;
import dev.herald.core.actor.ActorUrls;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.fetch.RemoteFetcher;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.inbox.Inbox;
import dev.herald.core.inbox.InboxReply;
import dev.herald.core.inbox.InboxSettings;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.RemoteActor;
import dev.herald.core.store.jdbc.JdbcStore;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.PublicKey;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.signatures.SigningKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Inbox throughput: verified, stored activities per second from many remote actors whose keys are cached, through
 * {@code Inbox.receive} (the door: content type, rate, parse, RSA-2048 signature, signer = actor, dedupe, store),
 * without HTTP. The requests are signed beforehand, so signing is not measured; the workers that process stored
 * activities are off, as the figure is about the door.
 *
 * <p>Usage: {@code java -cp benchmarks/target/herald-benchmarks.jar dev.herald.benchmarks.InboxBenchmark [actors]
 * [requests] [threads] [memory]}; see {@code benchmarks/run-inbox.sh}.
 */
public final class InboxBenchmark {
    private static final URI ORIGIN = URI.create("https://www.example.org");

    private InboxBenchmark() {}

    /** Runs the benchmark: {@code [actors] [requests] [threads] [memory]} ({@code memory}: skip H2). */
    public static void main(String[] args) throws Exception {
        int actors = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int threads = args.length > 2
                ? Integer.parseInt(args[2])
                : Runtime.getRuntime().availableProcessors();
        System.out.printf(
                "inbox benchmark: %d remote actors (RSA-2048, keys cached), %d requests, %d threads%n",
                actors, requests, threads);
        long t0 = System.nanoTime();
        // Key generation is slow and not what is measured: 1,000 actors (1,000 key ids) share 25 RSA-2048 pairs.
        List<KeyPair> pairs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            pairs.add(KeyPairs.rsa2048());
        }
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            keys.add(pairs.get(i % pairs.size()));
        }
        List<HeraldRequest> signed = sign(keys, requests, threads);
        System.out.printf("  prepared in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        run("in-memory store", InMemoryStore::new, keys, signed, threads);
        if (args.length > 3 && args[3].equals("memory")) {
            return;
        }
        Path dir = Files.createTempDirectory("herald-inbox-bench");
        run("H2 file store", () -> JdbcStore.embeddedH2(dir), keys, signed, threads);
    }

    private static void run(
            String name, Supplier<HeraldStore> stores, List<KeyPair> keys, List<HeraldRequest> signed, int threads)
            throws Exception {
        try (HeraldStore store = stores.get()) {
            Inbox inbox = inbox(store, keys);
            // Warm up on the first tenth, then measure the rest.
            int warm = signed.size() / 10;
            receive(inbox, signed.subList(0, warm), threads);
            long start = System.nanoTime();
            int accepted = receive(inbox, signed.subList(warm, signed.size()), threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "  %-16s %,8.0f activities/s verified and stored (%d of %d accepted, %.2f s)%n",
                    name, accepted / seconds, accepted, signed.size() - warm, seconds);
        }
    }

    private static int receive(Inbox inbox, List<HeraldRequest> requests, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests.size(); ) {
                    InboxReply reply = inbox.receive(requests.get(i));
                    if (reply.status() == 202) {
                        accepted.incrementAndGet();
                    } else {
                        throw new IllegalStateException("refused: " + reply.status() + " " + reply.detail());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return accepted.get();
    }

    private static Inbox inbox(HeraldStore store, List<KeyPair> keys) {
        ActorUrls urls = ActorUrls.of(ORIGIN, "/ap");
        SigningKey local = SigningKey.of(
                urls.mainKey(urls.instanceActor()).toString(),
                KeyPairs.rsa2048().getPrivate());
        Instant now = Instant.now();
        for (int i = 0; i < keys.size(); i++) {
            URI id = actor(i);
            URI keyId = URI.create(id + "#main-key");
            String pem = Pem.write(keys.get(i).getPublic());
            Actor actor = Actor.builder(id, ActorType.PERSON, URI.create(id + "/inbox"))
                    .addPublicKey(new PublicKey(keyId, id, pem))
                    .build();
            store.remoteActors()
                    .put(new RemoteActor(
                            id,
                            Optional.of(keyId),
                            Optional.of(pem),
                            Optional.of(actor.inbox()),
                            Optional.empty(),
                            DocumentWriter.create().write(actor),
                            now,
                            now.plus(Duration.ofDays(1))));
        }
        return Inbox.builder()
                .store(store)
                .urls(urls)
                .actors(Map.of("news", ActorProfile.builder("news").build()))
                .signingKeys(u -> local)
                .remoteActors(RemoteActors.builder()
                        .fetcher(RemoteFetcher.builder().signingKey(local).build())
                        .cache(store.remoteActors())
                        .build())
                .settings(InboxSettings.builder()
                        .workers(0)
                        .rate(1_000_000, 1_000_000)
                        .build())
                .build();
    }

    private static URI actor(int i) {
        return URI.create("https://server" + (i % 100) + ".example/users/u" + i);
    }

    /** One Like per request, round-robin over the actors, signed (cavage) beforehand on {@code threads} threads. */
    private static List<HeraldRequest> sign(List<KeyPair> keys, int requests, int threads) throws Exception {
        HeraldRequest[] out = new HeraldRequest[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    int a = i % keys.size();
                    URI actor = actor(a);
                    String body = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor
                            + "/likes/" + i + "\",\"type\":\"Like\",\"actor\":\"" + actor
                            + "\",\"object\":\"" + ORIGIN + "/ap/notes/" + (i % 50) + "\"}";
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    HttpMessage.Request request = CavageSigner.of(SigningKey.of(
                                    actor + "#main-key", keys.get(a).getPrivate()))
                            .sign(
                                    HttpMessage.Request.of(
                                            "POST",
                                            URI.create(ORIGIN + "/ap/inbox"),
                                            HttpFields.of("Content-Type", "application/activity+json")),
                                    bytes);
                    out[i] = new HeraldRequest("POST", "/ap/inbox", "", request.fields(), bytes);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return List.of(out);
    }
}
