package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mastodon's own verifier tests (spec/requests/signature_verification_spec.rb): for each of the 23 cases,
 * Herald's default policy makes the same decision as Mastodon, for a reason that matches Mastodon's.
 */
class MastodonVectorsTest {
    private static final JsonObject FILE =
            TestMessages.json("fediverse-signatures/mastodon-signature-verification-vectors.json");
    private static final JsonObject ACTOR = FILE.getJsonObject("actor");
    private static final Clock NOW = Clock.fixed(Instant.parse(FILE.getString("now")), ZoneOffset.UTC);

    static Stream<JsonObject> draftCases() {
        return FILE.getJsonArray("draft_cavage_cases").stream().map(JsonValue::asJsonObject);
    }

    static Stream<JsonObject> rfc9421Cases() {
        return FILE.getJsonArray("rfc9421_cases").stream().map(JsonValue::asJsonObject);
    }

    private static SignatureVerifier verifier() {
        VerificationKey key = VerificationKey.of(
                ACTOR.getString("keyId"),
                Pem.readPublicKey(ACTOR.getString("public_key_pem")),
                URI.create(ACTOR.getString("id")));
        return SignatureVerifier.of(
                TestKeys.fixed(Map.of(key.keyId(), key)),
                VerificationPolicy.builder().clock(NOW).build());
    }

    @Test
    void thereAreTwelveDraftAndElevenRfcCases() {
        assertThat(draftCases().count()).isEqualTo(12);
        assertThat(rfc9421Cases().count()).isEqualTo(11);
    }

    @ParameterizedTest(name = "draft: {0}")
    @MethodSource("draftCases")
    void draftCavageDecisionMatchesMastodon(JsonObject testCase) {
        assertDecision(testCase, "https");
    }

    @ParameterizedTest(name = "rfc9421: {0}")
    @MethodSource("rfc9421Cases")
    void rfc9421DecisionMatchesMastodon(JsonObject testCase) {
        assertDecision(testCase, testCase.getString("scheme"));
    }

    private static void assertDecision(JsonObject testCase, String scheme) {
        HttpMessage.Request request = TestMessages.request(testCase, scheme);
        VerificationResult result = verifier().verify(request, TestMessages.body(testCase));
        String expected = testCase.getString("expected_result");
        assertThat(result.isVerified())
                .as(testCase.getString("name") + " → " + result)
                .isEqualTo(expected.startsWith("verified"));
        if (result.isVerified()) {
            VerificationResult.Verified verified = (VerificationResult.Verified) result;
            assertThat(verified.keyOwner()).contains(URI.create(ACTOR.getString("id")));
            assertThat(verified.algorithm()).isEqualTo(SignatureAlgorithm.RSA_V1_5_SHA256);
            return;
        }
        VerificationResult.Rejected rejected = (VerificationResult.Rejected) result;
        String error = testCase.isNull("expected_error") ? "" : testCase.getString("expected_error");
        assertThat(rejected.reason()).as(testCase.getString("name")).isEqualTo(expectedReason(error, testCase));
        assertThat(rejected.httpStatus()).isEqualTo(expected.contains("400") ? 400 : 401);
    }

    /** Mastodon's error string, mapped to Herald's reason; no error string means a failed signature. */
    private static VerificationResult.Reason expectedReason(String error, JsonObject testCase) {
        if (error.startsWith("Invalid Date header") || error.contains("outside acceptable time window")) {
            return VerificationResult.Reason.EXPIRED;
        }
        if (error.contains("requires the Digest header to be signed")
                || error.contains("requires the Content-Digest header to be signed")) {
            return VerificationResult.Reason.DIGEST_MISSING;
        }
        if (error.startsWith("Invalid Digest value")) {
            return VerificationResult.Reason.DIGEST_MISMATCH;
        }
        if (error.startsWith("Content-Digest could not be parsed")) {
            return VerificationResult.Reason.MALFORMED_DIGEST;
        }
        assertThat(error).as(testCase.getString("name")).isEmpty();
        // Mastodon's spec checks only the status here. A POST whose signature covers no digest is refused
        // for that before its crypto is checked; anything else is a signature that does not verify.
        boolean post = testCase.getString("method").equals("POST");
        String covered = TestMessages.fields(testCase.getJsonArray("headers"))
                .combined("signature-input")
                .or(() -> TestMessages.fields(testCase.getJsonArray("headers")).first("signature"))
                .orElseThrow();
        return post && !covered.contains("digest")
                ? VerificationResult.Reason.DIGEST_MISSING
                : VerificationResult.Reason.BAD_SIGNATURE;
    }

    @ParameterizedTest(name = "draft: {0}")
    @MethodSource("draftCases")
    void signerReproducesEveryDraftSignatureByteForByte(JsonObject testCase) {
        if (!testCase.getBoolean("signature_valid_over_signing_string")) {
            return;
        }
        PrivateKey key = Pem.readPrivateKey(ACTOR.getString("private_key_pem_pkcs1"));
        String header = TestMessages.fields(testCase.getJsonArray("headers"))
                .first("signature")
                .orElseThrow();
        CavageSignatureHeader expected = CavageSignatureHeader.parse(header);
        // Sign the request as it was before tampering: the signing string the vector records.
        String signingString = testCase.getString("signing_string");
        byte[] signature = SignatureAlgorithm.RSA_V1_5_SHA256.sign(
                key, signingString.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo(expected.signature());
    }

    @Test
    void cavageSignerProducesMastodonsValidGetExactly() {
        JsonObject valid = draftCases().findFirst().orElseThrow();
        HttpFields fields = TestMessages.fields(valid.getJsonArray("headers"));
        CavageSignatureHeader expected =
                CavageSignatureHeader.parse(fields.first("signature").orElseThrow());
        SigningKey key =
                SigningKey.of(ACTOR.getString("keyId"), Pem.readPrivateKey(ACTOR.getString("private_key_pem_pkcs1")));
        CavageSigner signer = CavageSigner.builder(key)
                .clock(NOW)
                .headersWithoutBody(List.of("date", "host", "(request-target)"))
                .build();
        HttpMessage.Request unsigned =
                HttpMessage.Request.of("GET", URI.create("https://www.example.com/activitypub/success"));
        HttpMessage.Request signed = signer.sign(unsigned, null);
        assertThat(signed.fields().first("date")).contains("Wed, 20 Dec 2023 10:00:00 GMT");
        assertThat(signed.fields().first("host")).contains("www.example.com");
        CavageSignatureHeader actual =
                CavageSignatureHeader.parse(signed.fields().first("signature").orElseThrow());
        assertThat(Base64.getEncoder().encodeToString(actual.signature()))
                .isEqualTo(Base64.getEncoder().encodeToString(expected.signature()));
        assertThat(verifier().verify(signed, null).isVerified()).isTrue();
    }
}
