package dev.herald.core.inbox;

import static dev.herald.core.inbox.InboxKit.ALICE;
import static dev.herald.core.inbox.InboxKit.ALICE_KEYS;
import static dev.herald.core.inbox.InboxKit.BOB;
import static dev.herald.core.inbox.InboxKit.BOB_KEYS;
import static dev.herald.core.inbox.InboxKit.INBOX_PATH;
import static dev.herald.core.inbox.InboxKit.follow;
import static dev.herald.core.inbox.InboxKit.key;
import static dev.herald.core.inbox.InboxKit.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.http.HeraldRequest;
import dev.herald.core.http.HeraldResponse;
import dev.herald.core.inbox.InboxReply.Outcome;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Rfc9421Signer;
import dev.herald.signatures.SigningKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every answer of the inbox door, with its status, and that nothing is stored for a refused request. */
class InboxDoorTest {
    private final InboxKit kit = new InboxKit();

    private InboxReply receive(HeraldRequest request) {
        return kit.inbox.receive(request);
    }

    private static JsonObject json(HeraldResponse response) {
        return Json.createReader(new StringReader(response.bodyText())).readObject();
    }

    private void assertRefused(InboxReply reply, int status, Outcome outcome) {
        assertThat(reply.status()).as(reply.detail()).isEqualTo(status);
        assertThat(reply.outcome()).as(reply.detail()).isEqualTo(outcome);
        assertThat(json(reply.toResponse()).getString("error")).isNotBlank();
        assertThat(reply.toResponse().status()).isEqualTo(status);
        assertThat(kit.stored()).as("nothing stored").isZero();
    }

    @Test
    void storesASignedFollowAndAnswers202() {
        InboxReply reply = receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1")));
        assertThat(reply.status()).as(reply.detail()).isEqualTo(202);
        assertThat(reply.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(kit.stored()).isEqualTo(1);
    }

    @Test
    void storesAnActivitySignedWithRfc9421() {
        byte[] body = follow(BOB, "9421").getBytes(StandardCharsets.UTF_8);
        HttpMessage.Request signed = Rfc9421Signer.of(key(BOB, BOB_KEYS))
                .sign(
                        HttpMessage.Request.of(
                                "POST",
                                URI.create(InboxKit.ORIGIN + INBOX_PATH),
                                HttpFields.of("Content-Type", "application/activity+json")),
                        body);
        InboxReply reply = receive(new HeraldRequest("POST", INBOX_PATH, "", signed.fields(), body));
        assertThat(reply.status()).as(reply.detail()).isEqualTo(202);
        assertThat(kit.stored()).isEqualTo(1);
    }

    @Test
    void aRepeatedActivityIdIs202AndStoredOnce() {
        receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1")));
        InboxReply again = receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1")));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(kit.stored()).isEqualTo(1);
    }

    @Test
    void acceptsEveryActivityPubContentType() {
        String[] types = {
            "application/activity+json",
            "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
            "application/ld+json",
            "application/json; charset=utf-8"
        };
        for (int i = 0; i < types.length; i++) {
            InboxReply reply = receive(signed(key(BOB, BOB_KEYS), types[i], follow(BOB, "ct" + i)));
            assertThat(reply.status()).as(types[i] + ": " + reply.detail()).isEqualTo(202);
        }
    }

    @Test
    void refusesOversizedBodiesWith413() {
        InboxKit small = new InboxKit(
                InboxSettings.builder().workers(0).maxBodyBytes(2048).build(),
                Clock.systemUTC(),
                false,
                InboxKit.ORIGIN);
        String big = follow(BOB, "big").replace("\"type\"", "\"padding\":\"" + "x".repeat(4096) + "\",\"type\"");
        InboxReply reply = small.inbox.receive(signed(key(BOB, BOB_KEYS), big));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.outcome()).isEqualTo(Outcome.TOO_LARGE);
        assertThat(small.stored()).isZero();
    }

    @Test
    void refusesOtherContentTypesWith415() {
        assertRefused(
                receive(signed(key(BOB, BOB_KEYS), "text/plain", follow(BOB, "1"))), 415, Outcome.WRONG_CONTENT_TYPE);
        HeraldRequest none = signed(key(BOB, BOB_KEYS), follow(BOB, "2"));
        none = new HeraldRequest("POST", INBOX_PATH, "", none.headers().without("Content-Type"), none.body());
        assertRefused(receive(none), 415, Outcome.WRONG_CONTENT_TYPE);
    }

    @Test
    void refusesUnsignedRequestsWith401() {
        HeraldRequest unsigned = new HeraldRequest(
                "POST",
                INBOX_PATH,
                "",
                HttpFields.of("Content-Type", "application/activity+json"),
                follow(BOB, "1").getBytes(StandardCharsets.UTF_8));
        InboxReply reply = receive(unsigned);
        assertRefused(reply, 401, Outcome.BAD_SIGNATURE);
        assertThat(reply.detail()).contains("no Signature");
    }

    @Test
    void refusesATamperedBodyWith401() {
        HeraldRequest request = signed(key(BOB, BOB_KEYS), follow(BOB, "1"));
        HeraldRequest tampered = request.withBody(follow(BOB, "2").getBytes(StandardCharsets.UTF_8));
        assertRefused(receive(tampered), 401, Outcome.BAD_SIGNATURE);
    }

    @Test
    void refusesASignatureByAnotherKeyWith401() {
        SigningKey wrong = SigningKey.of(BOB + "#main-key", KeyPairs.rsa2048().getPrivate());
        assertRefused(receive(signed(wrong, follow(BOB, "1"))), 401, Outcome.BAD_SIGNATURE);
    }

    @Test
    void refusesASignatureOlderThanAnHourWith401() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        byte[] body = follow(BOB, "1").getBytes(StandardCharsets.UTF_8);
        HttpMessage.Request old = CavageSigner.builder(key(BOB, BOB_KEYS))
                .clock(past)
                .build()
                .sign(
                        HttpMessage.Request.of(
                                "POST",
                                URI.create(InboxKit.ORIGIN + INBOX_PATH),
                                HttpFields.of("Content-Type", "application/activity+json")),
                        body);
        InboxReply reply = receive(new HeraldRequest("POST", INBOX_PATH, "", old.fields(), body));
        assertRefused(reply, 401, Outcome.BAD_SIGNATURE);
        assertThat(reply.detail()).containsIgnoringCase("window");
    }

    @Test
    void refusesAnActivityWhoseActorIsNotTheSignerWith401() {
        InboxReply reply = receive(signed(key(ALICE, ALICE_KEYS), follow(BOB, "1")));
        assertRefused(reply, 401, Outcome.SIGNER_NOT_ACTOR);
        assertThat(json(reply.toResponse()).getString("error"))
                .contains(ALICE.toString())
                .contains(BOB.toString());
    }

    @Test
    void refusesAKeyThatCannotBeFetchedWith401() {
        URI stranger = URI.create("https://unresolvable.invalid/users/x");
        InboxReply reply = receive(signed(key(stranger, KeyPairs.rsa2048()), follow(stranger, "1")));
        assertRefused(reply, 401, Outcome.BAD_SIGNATURE);
    }

    @Test
    void refusesMalformedActivitiesWith400AfterTheSignature() {
        assertRefused(receive(signed(key(BOB, BOB_KEYS), "{not json")), 400, Outcome.MALFORMED);
        assertRefused(receive(signed(key(BOB, BOB_KEYS), "[1,2]")), 400, Outcome.MALFORMED);
        String noId = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"type\":\"Like\",\"actor\":\"" + BOB
                + "\",\"object\":\"https://www.example.org/ap/objects/1\"}";
        assertRefused(receive(signed(key(BOB, BOB_KEYS), noId)), 400, Outcome.MALFORMED);
        String note = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + BOB
                + "/notes/1\",\"type\":\"Note\",\"attributedTo\":\"" + BOB + "\",\"content\":\"hi\"}";
        assertRefused(receive(signed(key(BOB, BOB_KEYS), note)), 400, Outcome.MALFORMED);
    }

    @Test
    void refusesJsonNestedDeeperThanTheLimitWith400() {
        String deep = "[".repeat(200) + "]".repeat(200);
        String body = follow(BOB, "deep").replace("\"type\"", "\"deep\":" + deep + ",\"type\"");
        assertRefused(receive(signed(key(BOB, BOB_KEYS), body)), 400, Outcome.MALFORMED);
    }

    @Test
    void refusesBlockedServersWith403WithoutFetchingTheirKeys() {
        kit.inbox.blocklist().blockDomain("remote.example");
        kit.store.remoteActors().evict(BOB);
        assertRefused(receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1"))), 403, Outcome.BLOCKED);
        assertThat(kit.store.remoteActors().find(BOB)).isEmpty();
    }

    @Test
    void refusesSubdomainsOfBlockedDomainsAndBlockedActorsWith403() {
        kit.inbox.blocklist().replace(List.of("example"), List.of());
        assertRefused(receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1"))), 403, Outcome.BLOCKED);
        kit.inbox.blocklist().replace(List.of(), List.of(ALICE));
        assertRefused(receive(signed(key(ALICE, ALICE_KEYS), follow(ALICE, "1"))), 403, Outcome.BLOCKED);
    }

    @Test
    void aBlockedDomainWithAFinalDotOrInCapitalsIsStillBlocked() {
        kit.inbox.blocklist().blockDomain("spam.example");
        for (String host : List.of("spam.example.", "SPAM.Example", "a.spam.example.")) {
            URI spammer = URI.create("https://" + host + "/users/x");
            SigningKey spam = SigningKey.of(spammer + "#main-key", BOB_KEYS.getPrivate());
            assertRefused(receive(signed(spam, follow(spammer, "1"))), 403, Outcome.BLOCKED);
        }
    }

    @Test
    void refusesARequestSignedForAnotherServerWithThatServersHost() {
        // Another site with the same inbox path: its signed request, replayed here with its own Host header.
        byte[] body = follow(BOB, "1").getBytes(StandardCharsets.UTF_8);
        HttpMessage.Request elsewhere = CavageSigner.of(key(BOB, BOB_KEYS))
                .sign(
                        HttpMessage.Request.of(
                                "POST",
                                URI.create("https://other.example" + INBOX_PATH),
                                HttpFields.of("Content-Type", "application/activity+json")),
                        body);
        assertThat(elsewhere.fields().first("Host")).hasValue("other.example");
        assertRefused(
                receive(new HeraldRequest("POST", INBOX_PATH, "", elsewhere.fields(), body)),
                401,
                Outcome.BAD_SIGNATURE);
    }

    @Test
    void verifiesTheSitesHostWhateverHostTheProxyForwarded() {
        byte[] body = follow(BOB, "1").getBytes(StandardCharsets.UTF_8);
        HeraldRequest signed = signed(key(BOB, BOB_KEYS), follow(BOB, "1"));
        HeraldRequest proxied =
                new HeraldRequest("POST", INBOX_PATH, "", signed.headers().replacing("Host", "localhost:8080"), body);
        assertThat(receive(proxied).status()).isEqualTo(202);
    }

    @Test
    void refusesAnActivityWhoseIdIsOnAnotherOriginThanItsActor() {
        String taken = InboxKit.activity(BOB, "x", "Like", "\"https://other.example/notes/1\"")
                .replace(BOB + "/x", "https://other.example/likes/1");
        InboxReply reply = receive(signed(key(BOB, BOB_KEYS), taken));
        assertRefused(reply, 400, Outcome.MALFORMED);
        assertThat(reply.detail()).contains("another origin");
    }

    @Test
    void aReloadedBlocklistTakesEffectAtOnce() {
        kit.inbox.blocklist().replace(List.of("remote.example"), List.of());
        assertThat(receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1"))).status())
                .isEqualTo(403);
        kit.inbox.blocklist().replace(List.of(), List.of());
        assertThat(receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1"))).status())
                .isEqualTo(202);
    }

    @Test
    void limitsTheRateOfOneServerWith429AndRetryAfter() {
        InboxKit limited = new InboxKit(
                InboxSettings.builder().workers(0).rate(1, 2).build(), Clock.systemUTC(), false, InboxKit.ORIGIN);
        assertThat(limited.inbox
                        .receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1")))
                        .status())
                .isEqualTo(202);
        assertThat(limited.inbox
                        .receive(signed(key(BOB, BOB_KEYS), follow(BOB, "2")))
                        .status())
                .isEqualTo(202);
        InboxReply third = limited.inbox.receive(signed(key(BOB, BOB_KEYS), follow(BOB, "3")));
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(third.toResponse().header("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(limited.stored()).isEqualTo(2);
        // Another server is not held back.
        assertThat(limited.inbox
                        .receive(signed(key(ALICE, ALICE_KEYS), follow(ALICE, "1")))
                        .status())
                .isEqualTo(202);
    }

    @Test
    void aSelfDeletionOfAnUnknownActorIs202AndNothingIsFetchedOrStored() {
        URI gone = URI.create("https://unresolvable.invalid/users/gone");
        String delete = InboxKit.activity(gone, "delete", "Delete", "\"" + gone + "\"");
        InboxReply reply = receive(signed(key(gone, KeyPairs.rsa2048()), delete));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.outcome()).isEqualTo(Outcome.DELETION_ACKNOWLEDGED);
        assertThat(kit.stored()).isZero();
    }

    @Test
    void aSelfUpdateOfAnUnknownActorIs202AndNothingIsFetchedOrStored() {
        URI stranger = URI.create("https://unresolvable.invalid/users/new");
        String update = InboxKit.activity(
                stranger,
                "update",
                "Update",
                "{\"id\":\"" + stranger + "\",\"type\":\"Person\"," + "\"inbox\":\"" + stranger + "/inbox\"}");
        InboxReply reply = receive(signed(key(stranger, KeyPairs.rsa2048()), update));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(kit.stored()).isZero();
    }

    @Test
    void aTargetThatIsNoUriPathIs400() {
        HeraldRequest request = signed(key(BOB, BOB_KEYS), follow(BOB, "1"));
        InboxReply reply =
                receive(new HeraldRequest("POST", "/ap/inbox/a b", "x=%", request.headers(), request.body()));
        assertRefused(reply, 400, Outcome.MALFORMED);
    }

    @Test
    void neverAnswers500ForRandomInput() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] body = new byte[random.nextInt(300)];
            random.nextBytes(body);
            HeraldRequest request = signed(key(BOB, BOB_KEYS), follow(BOB, "r" + i));
            request = random.nextBoolean() ? request.withBody(body) : request;
            int status = receive(request).status();
            assertThat(status).isBetween(200, 499);
        }
    }

    @Test
    void refusesTheDraftCavageTestKeyAsTooWeakWith401() {
        // The draft's "Test" key is RSA-1024: below the 2048 bits the verifier requires.
        URI tester = URI.create("https://test.example/users/test");
        kit.cache(tester, dev.herald.core.Vectors.read("cavage12/cavage-test-key.pub.pem"), Instant.now());
        SigningKey weak = SigningKey.of(
                tester + "#main-key",
                dev.herald.signatures.Pem.readPrivateKey(
                        dev.herald.core.Vectors.read("cavage12/cavage-test-key.priv.pem")));
        InboxReply reply = receive(signed(weak, follow(tester, "1")));
        assertRefused(reply, 401, Outcome.BAD_SIGNATURE);
        assertThat(reply.detail()).containsIgnoringCase("bits");
    }

    @Test
    void refusesQuoteRequestsThatCannotBeAnsweredWith400() {
        String quoted = "\"" + InboxKit.ORIGIN + "/ap/objects/1\"";
        String note = "{\"id\":\"" + BOB + "/notes/q\",\"type\":\"Note\",\"attributedTo\":\"" + BOB + "\"}";
        List<String> bodies = List.of(
                quoteRequest("no-object", "", ",\"instrument\":" + note),
                quoteRequest("two-objects", ",\"object\":[" + quoted + "," + quoted + "]", ",\"instrument\":" + note),
                quoteRequest("no-instrument", ",\"object\":" + quoted, ""),
                quoteRequest("no-instrument-id", ",\"object\":" + quoted, ",\"instrument\":{\"type\":\"Note\"}"),
                quoteRequest(
                        "foreign-instrument",
                        ",\"object\":" + quoted,
                        ",\"instrument\":\"https://elsewhere.example/notes/1\""));
        for (String body : bodies) {
            InboxReply reply = receive(signed(key(BOB, BOB_KEYS), body));
            assertRefused(reply, 400, Outcome.MALFORMED);
        }
    }

    private static String quoteRequest(String id, String object, String instrument) {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + BOB + "/quote-requests/" + id
                + "\",\"type\":\"QuoteRequest\",\"actor\":\"" + BOB + "\"" + object + instrument + "}";
    }
}
