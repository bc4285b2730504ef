package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fedify's draft-cavage vector and the real oeee.cafe Accept (vectors/fediverse-signatures). */
class FedifyVectorsTest {
    private static final JsonObject FILE = TestMessages.json("fediverse-signatures/fedify-signed-request-vectors.json");

    private static JsonObject fedifyCase() {
        return FILE.getJsonArray("cases").getJsonObject(0);
    }

    private static JsonObject oeeeCase() {
        return FILE.getJsonArray("cases").getJsonObject(1);
    }

    private static HttpMessage.Request request(JsonObject testCase) {
        JsonObject request = testCase.getJsonObject("request");
        HttpFields fields = TestMessages.fields(request.getJsonArray("headers"));
        return HttpMessage.Request.of(request.getString("method"), URI.create(request.getString("url")), fields);
    }

    private static byte[] body(JsonObject testCase) {
        return testCase.getJsonObject("request").getString("body").getBytes(StandardCharsets.UTF_8);
    }

    private static SignatureVerifier verifier(JsonObject keyDocument, String keyId, VerificationPolicy policy) {
        VerificationKey key = VerificationKey.of(
                keyId,
                Pem.readPublicKey(keyDocument.getString("publicKeyPem")),
                URI.create(keyDocument.getString("owner")));
        return SignatureVerifier.of(TestKeys.fixed(Map.of(keyId, key)), policy);
    }

    private static VerificationResult verifyFedifyAt(String now, Duration window) {
        JsonObject testCase = fedifyCase();
        VerificationPolicy policy = VerificationPolicy.builder()
                .clock(Clock.fixed(Instant.parse(now), ZoneOffset.UTC))
                .clockSkew(window)
                .maxAge(window)
                .build();
        return verifier(testCase.getJsonObject("key_document"), "https://example.com/key", policy)
                .verify(request(testCase), body(testCase));
    }

    @Test
    void fedifyRequestWithoutAlgorithmAndLowerCaseDigestVerifies() {
        VerificationResult result = verifyFedifyAt(fedifyCase().getString("now"), Duration.ofHours(1));
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Verified.class, verified -> {
            assertThat(verified.keyOwner()).contains(URI.create("https://example.com/person"));
            assertThat(verified.algorithm()).isEqualTo(SignatureAlgorithm.RSA_V1_5_SHA256);
            assertThat(verified.components())
                    .containsExactly("(request-target)", "accept", "content-type", "date", "digest", "host");
        });
    }

    @Test
    void fedifyTimeWindowBoundsHoldAtOneHour() {
        assertThat(verifyFedifyAt("2024-03-05T06:49:43.9999Z", Duration.ofHours(1))
                        .isVerified())
                .isFalse();
        assertThat(verifyFedifyAt("2024-03-05T06:49:44Z", Duration.ofHours(1)).isVerified())
                .isTrue();
        assertThat(verifyFedifyAt("2024-03-05T08:49:44Z", Duration.ofHours(1)).isVerified())
                .isTrue();
        assertThat(verifyFedifyAt("2024-03-05T08:49:44.0001Z", Duration.ofHours(1))
                        .isVerified())
                .isFalse();
    }

    @Test
    void fedifyTimeWindowBoundsHoldAtThirtySeconds() {
        assertThat(verifyFedifyAt("2024-03-05T07:49:13.9999Z", Duration.ofSeconds(30))
                        .isVerified())
                .isFalse();
        assertThat(verifyFedifyAt("2024-03-05T07:49:14Z", Duration.ofSeconds(30))
                        .isVerified())
                .isTrue();
        assertThat(verifyFedifyAt("2024-03-05T07:50:14.0001Z", Duration.ofSeconds(30))
                        .isVerified())
                .isFalse();
    }

    @Test
    void realOeeeCafeAcceptWithHs2019AndQuotedCreatedVerifies() {
        JsonObject testCase = oeeeCase();
        JsonObject actor = testCase.getJsonObject("actor_document");
        VerificationPolicy policy = VerificationPolicy.builder()
                .clock(Clock.fixed(Instant.parse(testCase.getString("now")), ZoneOffset.UTC))
                .build();
        VerificationResult result = verifier(
                        actor.getJsonObject("publicKey"),
                        actor.getJsonObject("publicKey").getString("id"),
                        policy)
                .verify(request(testCase), body(testCase));
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Verified.class, verified -> {
            assertThat(verified.keyOwner()).contains(URI.create(actor.getString("id")));
            assertThat(verified.components()).startsWith("(request-target)", "(created)", "(expires)");
            assertThat(verified.created()).contains(Instant.ofEpochSecond(1756126694));
        });
    }

    @Test
    void oeeeCafeSignatureIsRejectedOnceExpired() {
        JsonObject testCase = oeeeCase();
        JsonObject key = testCase.getJsonObject("actor_document").getJsonObject("publicKey");
        VerificationPolicy policy = VerificationPolicy.builder()
                .clock(Clock.fixed(Instant.ofEpochSecond(1756130294L + 3600 + 1), ZoneOffset.UTC))
                .maxAge(Duration.ofDays(1))
                .build();
        VerificationResult result =
                verifier(key, key.getString("id"), policy).verify(request(testCase), body(testCase));
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Rejected.class, r -> assertThat(r.detail())
                .contains("expired"));
    }
}
