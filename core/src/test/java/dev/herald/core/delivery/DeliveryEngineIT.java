package dev.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.JobState;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.Pem;
import dev.herald.signatures.SignatureSpec;
import dev.herald.signatures.VerificationKey;
import dev.herald.signatures.VerificationResult;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The delivery engine against fake inboxes on loopback, each host on its own address. */
class DeliveryEngineIT {
    static final String ACTOR = "news";
    static final URI ACTOR_ID = URI.create("https://www.example.org/ap/actors/news");
    static final URI KEY_ID = URI.create(ACTOR_ID + "#main-key");
    static final int HOSTS = Integer.getInteger("herald.fanout.hosts", 300);
    static KeyPair keys;

    private HeraldStore store;
    private Sinks sinks;
    private DeliveryEngine engine;

    @BeforeAll
    static void keys() {
        keys = KeyPairs.rsa2048();
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
        if (sinks != null) {
            sinks.close();
        }
    }

    private void setUp(int hosts) throws Exception {
        store = new InMemoryStore();
        store.keyPairs()
                .findOrCreate(
                        ACTOR,
                        () -> new StoredKeyPair(
                                ACTOR, Pem.write(keys.getPrivate()), Pem.write(keys.getPublic()), Instant.now()));
        KeyResolver resolver = keyId -> KEY_ID.toString().equals(keyId)
                ? Optional.of(VerificationKey.of(keyId, keys.getPublic(), ACTOR_ID))
                : Optional.empty();
        sinks = Sinks.start(hosts, resolver);
    }

    private static DeliverySettings.Builder fast() {
        return DeliverySettings.builder()
                .requestTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(1))
                .lease(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .shutdownGrace(Duration.ofSeconds(1))
                .retry(new RetryPolicy(5, 0, Duration.ofMillis(200), 0, Duration.ofSeconds(2)));
    }

    private DeliveryEngine engine(DeliverySettings settings) {
        return DeliveryEngine.builder(store, username -> URI.create(ACTOR_ID + "#main-key"))
                .settings(settings)
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .build()
                .start();
    }

    private void follow(int host, String user, boolean shared) {
        sinks.follow(store, ACTOR, host, user, shared);
    }

    private int publish(String id) {
        URI activity = URI.create("https://www.example.org/ap/objects/" + id + "#create");
        String payload = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + activity
                + "\",\"type\":\"Create\",\"actor\":\"" + ACTOR_ID + "\"}";
        return store.deliveries().enqueue(DeliveryBatch.toFollowers(activity, ACTOR, payload), Instant.now());
    }

    private long count(JobState state) {
        return store.deliveries().counts().get(state);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aPostReachesEveryHostOnceThroughTheSharedInboxSignedVerifiably() throws Exception {
        setUp(HOSTS);
        for (int h = 0; h < HOSTS; h++) {
            follow(h, "a", true);
            follow(h, "b", true);
            follow(h, "c", true);
        }
        assertThat(publish("p1")).isEqualTo(HOSTS);
        engine = engine(fast().build());
        engine.wakeUp();
        await(() -> count(JobState.DONE) == HOSTS, Duration.ofSeconds(60), "every host delivered");

        assertThat(sinks.received()).hasSize(HOSTS);
        for (int h = 0; h < HOSTS; h++) {
            assertThat(sinks.receivedBy(h)).hasSize(1);
            Sinks.Received r = sinks.receivedBy(h).get(0);
            assertThat(r.path()).isEqualTo("/inbox");
            assertThat(r.verdict()).as(r.verdict().toString()).isInstanceOf(VerificationResult.Verified.class);
            assertThat(r.body()).contains("\"type\":\"Create\"");
        }
    }

    @Test
    void httpsInboxesGetThePostOnlyWhenTheirCertificateIsTrusted() throws Exception {
        int hosts = 3;
        SelfSignedTls certificate = SelfSignedTls.forNames(Sinks.addresses(hosts));
        store = new InMemoryStore();
        Sinks.storeKeys(store, ACTOR, keys);
        sinks = Sinks.startTls(hosts, Sinks.onlyKey(KEY_ID, keys.getPublic(), ACTOR_ID), certificate.serverContext());
        for (int h = 0; h < hosts; h++) {
            follow(h, "a", false);
            follow(h, "b", false);
        }
        assertThat(sinks.inbox(0, "a").getScheme()).isEqualTo("https");

        // The JVM's trust store does not know the certificate: every attempt fails the handshake, nothing arrives.
        assertThat(publish("tls-untrusted")).isEqualTo(2 * hosts);
        engine = engine(fast().build());
        engine.wakeUp();
        await(() -> engine.status().lastErrors().size() >= 2 * hosts, Duration.ofSeconds(30), "failed handshakes");
        engine.close();
        assertThat(sinks.received()).isEmpty();
        assertThat(engine.status().lastErrors())
                .allSatisfy(f -> assertThat(f.error()).contains("SSLHandshakeException"));

        // Trusted: every inbox gets the post once, over TLS, with a signature that verifies.
        store = new InMemoryStore();
        Sinks.storeKeys(store, ACTOR, keys);
        for (int h = 0; h < hosts; h++) {
            follow(h, "a", false);
            follow(h, "b", false);
        }
        assertThat(publish("tls-trusted")).isEqualTo(2 * hosts);
        engine = DeliveryEngine.builder(store, username -> URI.create(ACTOR_ID + "#main-key"))
                .settings(fast().build())
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .tls(certificate.trusting())
                .build()
                .start();
        engine.wakeUp();
        await(() -> count(JobState.DONE) == 2 * hosts, Duration.ofSeconds(30), "every https inbox delivered");
        assertThat(sinks.received()).hasSize(2 * hosts).allSatisfy(r -> assertThat(r.verdict())
                .isInstanceOf(VerificationResult.Verified.class));
    }

    @Test
    void followersWithoutASharedInboxGetOneDeliveryEach() throws Exception {
        setUp(1);
        follow(0, "a", false);
        follow(0, "b", false);
        assertThat(publish("p2")).isEqualTo(2);
        engine = engine(fast().build());
        await(() -> count(JobState.DONE) == 2, Duration.ofSeconds(20), "two deliveries");
        assertThat(sinks.received().stream().map(Sinks.Received::path).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("/users/a/inbox", "/users/b/inbox");
    }

    @Test
    void anInboxThatIsGoneLosesItsFollowers() throws Exception {
        setUp(2);
        follow(0, "a", true);
        follow(0, "b", true);
        follow(1, "c", true);
        sinks.behave(0, n -> Sinks.Answer.status(410));
        publish("p3");
        engine = engine(fast().build());
        await(
                () -> count(JobState.DONE) == 1 && count(JobState.GIVEN_UP) == 1,
                Duration.ofSeconds(20),
                "one delivered, one given up");
        assertThat(store.followers().count(ACTOR, Follower.State.ACCEPTED)).isEqualTo(1);
        assertThat(sinks.receivedBy(0)).hasSize(1);
        assertThat(engine.status().lastErrors().get(0).error()).contains("410");
    }

    @Test
    void aServerErrorIsRetriedUntilDelivered() throws Exception {
        setUp(1);
        follow(0, "a", true);
        sinks.behave(0, n -> n == 1 ? Sinks.Answer.status(500) : Sinks.Answer.status(202));
        publish("p4");
        engine = engine(fast().build());
        await(() -> count(JobState.DONE) == 1, Duration.ofSeconds(20), "delivered on the second attempt");
        assertThat(sinks.receivedBy(0)).hasSize(2);
        assertThat(engine.status().lastErrors()).singleElement().satisfies(f -> {
            assertThat(f.error()).startsWith("HTTP 500");
            assertThat(f.givenUp()).isFalse();
        });
    }

    @Test
    void notFoundIsGivenUpWithoutRetry() throws Exception {
        setUp(1);
        follow(0, "a", true);
        sinks.behave(0, n -> Sinks.Answer.status(404));
        publish("p5");
        engine = engine(fast().build());
        await(() -> count(JobState.GIVEN_UP) == 1, Duration.ofSeconds(20), "given up");
        Thread.sleep(500);
        assertThat(sinks.receivedBy(0)).hasSize(1);
    }

    @Test
    void aFailingHostIsGivenUpAfterTheLastAttempt() throws Exception {
        setUp(1);
        follow(0, "a", true);
        sinks.behave(0, n -> Sinks.Answer.status(503));
        publish("p6");
        engine = engine(fast().circuitFailures(100).build());
        await(() -> count(JobState.GIVEN_UP) == 1, Duration.ofSeconds(30), "given up after 5 attempts");
        assertThat(sinks.receivedBy(0)).hasSize(5);
        assertThat(store.hostHealth()
                        .find(sinks.sharedInbox(0).getHost())
                        .orElseThrow()
                        .consecutiveFailures())
                .isEqualTo(5);
    }

    @Test
    void aHangingHostDoesNotSlowTheOthers() throws Exception {
        int hosts = 21;
        setUp(hosts);
        for (int h = 0; h < hosts; h++) {
            follow(h, "a", true);
        }
        sinks.behave(0, n -> Sinks.Answer.hang());
        publish("p7");
        engine = engine(fast().requestTimeout(Duration.ofSeconds(5))
                .lease(Duration.ofSeconds(20))
                .build());
        long start = System.nanoTime();
        await(() -> count(JobState.DONE) == hosts - 1, Duration.ofSeconds(20), "the healthy hosts delivered");
        Duration healthy = Duration.ofNanos(System.nanoTime() - start);
        assertThat(healthy).isLessThan(Duration.ofSeconds(4));
        assertThat(count(JobState.CLAIMED)).isEqualTo(1);
        await(() -> count(JobState.RETRY) == 1, Duration.ofSeconds(15), "the hanging request timed out");
        assertThat(engine.status().lastErrors().get(0).error()).contains("timed out");
    }

    @Test
    void aRestartInTheMiddleOfAFanOutDeliversTheRest() throws Exception {
        int hosts = 30;
        setUp(hosts);
        for (int h = 0; h < hosts; h++) {
            follow(h, "a", true);
            sinks.behave(h, n -> Sinks.Answer.slow(202, 200));
        }
        publish("p8");
        DeliverySettings slow = fast().maxInFlight(4).claimBatch(4).build();
        engine = engine(slow);
        await(() -> count(JobState.DONE) >= 8, Duration.ofSeconds(20), "a part delivered");
        engine.close();
        long doneAtStop = count(JobState.DONE);
        assertThat(doneAtStop).isLessThan(hosts);
        assertThat(count(JobState.CLAIMED))
                .as("nothing stays claimed after a clean shutdown")
                .isZero();

        engine = engine(slow);
        await(() -> count(JobState.DONE) == hosts, Duration.ofSeconds(30), "the rest delivered");
        for (int h = 0; h < hosts; h++) {
            // Only a request in flight at the stop may arrive twice.
            assertThat(sinks.receivedBy(h)).hasSizeBetween(1, 2);
        }
        assertThat(sinks.received().size()).isLessThanOrEqualTo(hosts + 4);
    }

    @Test
    void aCrashedEnginesJobsAreTakenOverWhenTheLeaseExpires() throws Exception {
        setUp(3);
        for (int h = 0; h < 3; h++) {
            follow(h, "a", true);
        }
        publish("p9");
        // A "crashed" worker: it claimed everything and will never report.
        assertThat(store.deliveries().claim("crashed", 10, Duration.ofSeconds(2), Instant.now()))
                .hasSize(3);
        engine = engine(fast().build());
        await(() -> count(JobState.DONE) == 3, Duration.ofSeconds(20), "taken over after the lease");
        assertThat(sinks.received()).hasSize(3);
    }

    @Test
    void theCircuitOpensAfterConsecutiveFailuresAndHoldsRequestsBack() throws Exception {
        setUp(1);
        for (String user : new String[] {"a", "b", "c", "d", "e", "f"}) {
            follow(0, user, false);
        }
        sinks.behave(0, n -> Sinks.Answer.status(500));
        publish("p10");
        engine = engine(fast().perHostConcurrency(1)
                .circuitFailures(2)
                .circuitOpen(Duration.ofSeconds(30))
                .build());
        await(() -> engine.status().openCircuits().size() == 1, Duration.ofSeconds(20), "the circuit open");
        Thread.sleep(1000);
        assertThat(sinks.receivedBy(0)).hasSize(2);
        assertThat(engine.status().openCircuits())
                .containsKey(sinks.sharedInbox(0).getHost());
    }

    @Test
    void rfc9421SignaturesVerifyToo() throws Exception {
        setUp(1);
        follow(0, "a", true);
        publish("p11");
        engine = engine(fast().rfc9421(true, SignatureSpec.RFC_9421).build());
        await(() -> count(JobState.DONE) == 1, Duration.ofSeconds(20), "delivered");
        Sinks.Received r = sinks.receivedBy(0).get(0);
        assertThat(r.verdict()).as(r.verdict().toString()).isInstanceOf(VerificationResult.Verified.class);
    }

    @Test
    void anAddressRefusedAtConnectTimeIsGivenUpNotRetried() throws Exception {
        setUp(1);
        follow(0, "a", true);
        publish("p-rebind");
        // The URL passes; the address the connection would go to does not (what DNS rebinding looks like).
        NetworkPolicy rebound = new NetworkPolicy() {
            @Override
            public void check(URI uri) {
                // allowed
            }

            @Override
            public void checkAddress(URI uri, java.net.InetAddress address) throws Refused {
                throw new Refused(uri, uri.getHost() + " now resolves to " + address.getHostAddress());
            }
        };
        engine = DeliveryEngine.builder(store, username -> KEY_ID)
                .settings(fast().build())
                .networkPolicy(rebound)
                .build()
                .start();
        await(() -> count(JobState.GIVEN_UP) == 1, Duration.ofSeconds(20), "refused at connect");
        assertThat(sinks.received()).isEmpty();
        DeliveryStatus.Failure failure = engine.status().lastErrors().get(0);
        assertThat(failure.error())
                .contains(
                        "refused by the network policy",
                        "now resolves to " + sinks.sharedInbox(0).getHost());
        assertThat(failure.attempt()).isEqualTo(1);
        assertThat(failure.givenUp()).isTrue();
    }

    @Test
    void theNetworkPolicyRefusesPrivateAddressesByDefault() throws Exception {
        setUp(1);
        follow(0, "a", true);
        publish("p12");
        engine = DeliveryEngine.builder(store, username -> KEY_ID)
                .settings(fast().build())
                .build()
                .start();
        await(() -> count(JobState.GIVEN_UP) == 1, Duration.ofSeconds(20), "refused");
        assertThat(sinks.received()).isEmpty();
        assertThat(engine.status().lastErrors().get(0).error()).contains("network policy");
    }

    @Test
    void statusCountsJobsPerState() throws Exception {
        setUp(2);
        follow(0, "a", true);
        follow(1, "a", true);
        publish("p13");
        Map<JobState, Long> before = store.deliveries().counts();
        assertThat(before.get(JobState.PENDING)).isEqualTo(2);
        engine = engine(fast().build());
        await(() -> engine.status().counts().get(JobState.DONE) == 2, Duration.ofSeconds(20), "done");
        assertThat(engine.status().inFlight()).isZero();
    }

    @Test
    void twoEnginesOnOneStoreDeliverEachJobOnce() throws Exception {
        int hosts = 60;
        setUp(hosts);
        for (int h = 0; h < hosts; h++) {
            follow(h, "a", true);
            sinks.behave(h, n -> Sinks.Answer.slow(202, 20));
        }
        publish("p14");
        engine = engine(fast().maxInFlight(8).claimBatch(4).build());
        DeliveryEngine second = engine(fast().maxInFlight(8).claimBatch(4).build());
        try {
            await(() -> count(JobState.DONE) == hosts, Duration.ofSeconds(30), "all delivered by two engines");
        } finally {
            second.close();
        }
        for (int h = 0; h < hosts; h++) {
            assertThat(sinks.receivedBy(h)).hasSize(1);
        }
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        setUp(1);
        follow(0, "a", true);
        long[] firstAt = new long[1];
        sinks.behave(0, n -> {
            if (n == 1) {
                firstAt[0] = System.nanoTime();
                return new Sinks.Answer(429, false, 0, Map.of("Retry-After", "2"));
            }
            return Sinks.Answer.status(202);
        });
        publish("p15");
        engine = engine(fast().build());
        await(() -> count(JobState.DONE) == 1, Duration.ofSeconds(20), "delivered after Retry-After");
        assertThat(sinks.receivedBy(0)).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - firstAt[0])).isGreaterThan(Duration.ofMillis(1900));
    }

    @Test
    void anUnavailableHostGetsOneProbeAndItsOtherJobsAreGivenUp() throws Exception {
        setUp(1);
        follow(0, "a", false);
        follow(0, "b", false);
        follow(0, "c", false);
        String host = sinks.sharedInbox(0).getHost();
        store.hostHealth().recordFailure(host, Instant.now().minus(Duration.ofDays(8)));
        sinks.behave(0, n -> Sinks.Answer.status(500));
        publish("p16");
        engine = engine(fast().build());
        await(() -> count(JobState.GIVEN_UP) >= 2, Duration.ofSeconds(20), "two given up without a request");
        Thread.sleep(300);
        assertThat(sinks.receivedBy(0)).hasSizeLessThanOrEqualTo(1);
        assertThat(engine.status().lastErrors())
                .anySatisfy(f -> assertThat(f.error()).contains("unavailable"));
    }
}
