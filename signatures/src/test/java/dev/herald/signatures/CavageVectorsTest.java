package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
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

/** draft-cavage-http-signatures-12 Appendix C (vectors/cavage12). */
class CavageVectorsTest {
    private static final JsonObject FILE = TestMessages.json("cavage12/cavage12-vectors.json");
    private static final Clock SIGNED_AT = Clock.fixed(Instant.parse("2014-01-05T21:31:40Z"), ZoneOffset.UTC);

    static Stream<JsonObject> vectors() {
        return FILE.getJsonArray("vectors").stream().map(JsonValue::asJsonObject);
    }

    private static HttpMessage.Request request() {
        return TestMessages.request(FILE.getJsonObject("request"), "https");
    }

    private static byte[] body() {
        return FILE.getJsonObject("request").getString("body").getBytes(StandardCharsets.UTF_8);
    }

    private static PublicKey publicKey() {
        return Pem.readPublicKey(Vectors.read("cavage12/cavage-test-key.pub.pem"));
    }

    private static PrivateKey privateKey() {
        return Pem.readPrivateKey(Vectors.read("cavage12/cavage-test-key.priv.pem"));
    }

    /** The key is the draft's 1024-bit "Test" key, and C.1 signs the date alone. */
    private static SignatureVerifier verifier() {
        VerificationPolicy policy = VerificationPolicy.builder()
                .clock(SIGNED_AT)
                .minimumRsaBits(1024)
                .requireCoverage(false)
                .build();
        return SignatureVerifier.of(TestKeys.fixed(Map.of("Test", VerificationKey.of("Test", publicKey()))), policy);
    }

    /** C.3's printed header is wrong (see the vectors' erratum): use the header list that verifies. */
    private static String signatureHeader(JsonObject vector) {
        if (vector.containsKey("signature_header")) {
            return vector.getString("signature_header");
        }
        if (vector.containsKey("authorization_header")) {
            return vector.getString("authorization_header").substring("Signature ".length());
        }
        return "keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"" + vector.getString("headers_param_that_verifies")
                + "\",signature=\"" + vector.getString("signature_b64") + "\"";
    }

    private static String signingString(JsonObject vector) {
        return vector.getString("signing_string", vector.getString("signing_string_that_verifies", null));
    }

    @Test
    void hasTheThreeAppendixVectors() {
        assertThat(vectors().map(v -> v.getString("id"))).containsExactly("C.1", "C.2", "C.3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signingStringMatches(JsonObject vector) {
        CavageSignatureHeader header = CavageSignatureHeader.parse(signatureHeader(vector));
        String signingString =
                CavageSigningString.of(header.headers(), request(), header.created(), header.expires(), false);
        assertThat(signingString).isEqualTo(signingString(vector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signatureHeaderVerifies(JsonObject vector) {
        HttpMessage.Request signed = request().withField("Signature", signatureHeader(vector));
        VerificationResult result = verifier().verify(signed, body());
        assertThat(result.isVerified()).as(result.toString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void authorizationHeaderVerifies(JsonObject vector) {
        HttpMessage.Request signed = request().withField("Authorization", "Signature " + signatureHeader(vector));
        assertThat(verifier().verify(signed, body()).isVerified()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signerReproducesTheSignatureByteForByte(JsonObject vector) {
        CavageSignatureHeader expected = CavageSignatureHeader.parse(signatureHeader(vector));
        SigningKey key = SigningKey.of("Test", privateKey());
        CavageSigner signer = CavageSigner.builder(key)
                .clock(SIGNED_AT)
                .headersWithBody(expected.headers())
                .build();
        HttpMessage.Request signed = signer.sign(request(), body());
        CavageSignatureHeader actual =
                CavageSignatureHeader.parse(signed.fields().first("Signature").orElseThrow());
        assertThat(Base64.getEncoder().encodeToString(actual.signature())).isEqualTo(vector.getString("signature_b64"));
        assertThat(actual.headers()).isEqualTo(expected.headers());
        // The request already had Date, Host and Digest: the signer adds nothing but the signature.
        assertThat(signed.fields().lines()).hasSize(request().fields().lines().size() + 1);
    }

    @Test
    void c3AsPrintedWithCreatedAndExpiresIsRejectedForRsaSha256() {
        // draft-cavage-12 §2.3: (created) with an rsa algorithm MUST fail. The printed C.3 header names it.
        String printed = vectors()
                .filter(v -> v.getString("id").equals("C.3"))
                .findFirst()
                .orElseThrow()
                .getString("printed_header_params");
        HttpMessage.Request signed = request().withField("Signature", printed.replace(", ", ","));
        VerificationResult result = verifier().verify(signed, body());
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo(VerificationResult.Reason.MALFORMED_SIGNATURE));
    }

    @Test
    void changingAnySignedHeaderBreaksTheSignature() {
        JsonObject c3 = vectors()
                .filter(v -> v.getString("id").equals("C.3"))
                .findFirst()
                .orElseThrow();
        CavageSignatureHeader header = CavageSignatureHeader.parse(signatureHeader(c3));
        for (String name : List.of("host", "date", "content-type", "content-length")) {
            HttpMessage.Request tampered = request()
                    .withFields(request()
                            .fields()
                            .replacing(
                                    name, "x" + request().fields().first(name).orElseThrow()))
                    .withField("Signature", header.serialize());
            VerificationResult result = verifier().verify(tampered, body());
            assertThat(result.isVerified()).as(name).isFalse();
        }
    }
}
