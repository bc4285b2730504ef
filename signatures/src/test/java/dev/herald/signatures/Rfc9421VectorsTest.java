package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.signatures.sfv.InnerList;
import dev.herald.signatures.sfv.StructuredFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every signature in RFC 9421's examples (vectors/rfc9421/rfc9421-vectors.json). */
class Rfc9421VectorsTest {
    private static final JsonObject FILE = TestMessages.json("rfc9421/rfc9421-vectors.json");

    static Stream<JsonObject> vectors() {
        return FILE.getJsonArray("vectors").stream().map(JsonValue::asJsonObject);
    }

    @Test
    void fileHasAllFourteenSignatures() {
        assertThat(vectors().count()).isEqualTo(14);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void baseMatchesTheRfcByteForByte(JsonObject vector) throws Exception {
        Signed signed = signed(vector);
        Rfc9421Reader.Entry entry = entry(signed.message, vector.getString("label"));
        byte[] base = Rfc9421Reader.base(entry, signed.message, signed.related);
        assertThat(new String(base, StandardCharsets.ISO_8859_1)).isEqualTo(vector.getString("signature_base"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signatureVerifies(JsonObject vector) {
        Signed signed = signed(vector);
        VerificationResult result = verify(signed, vector);
        assertThat(result.isVerified()).as(result.toString()).isTrue();
        VerificationResult.Verified verified = (VerificationResult.Verified) result;
        assertThat(verified.keyId()).isEqualTo(vector.getString("keyid"));
        assertThat(verified.algorithm().rfc9421Name()).isEqualTo(vector.getString("alg"));
        assertThat(verified.label()).contains(vector.getString("label"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void tamperedSignatureIsRejected(JsonObject vector) {
        Signed signed = signed(vector);
        byte[] wrong = Base64.getDecoder().decode(vector.getString("signature_b64"));
        wrong[wrong.length / 2] ^= 0x01;
        String label = vector.getString("label");
        HttpFields fields = signed.message
                .fields()
                .without("signature")
                .with("Signature", label + "=:" + Base64.getEncoder().encodeToString(wrong) + ":");
        HttpMessage tampered = signed.message instanceof HttpMessage.Request
                ? ((HttpMessage.Request) signed.message).withFields(fields)
                : HttpMessage.Response.of(((HttpMessage.Response) signed.message).status(), fields);
        VerificationResult result = verify(new Signed(tampered, signed.related, signed.body), vector);
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo(VerificationResult.Reason.BAD_SIGNATURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void deterministicSignaturesAreReproducedByteForByte(JsonObject vector) {
        if (!vector.getBoolean("deterministic")) {
            return; // RSA-PSS and ECDSA signatures are randomised: verified above, not reproducible.
        }
        Signed signed = signed(vector);
        String label = vector.getString("label");
        InnerList params = entry(signed.message, label).input();
        SigningKey key = new SigningKey(
                vector.getString("keyid"),
                TestKeys.privateKey(vector.getString("keyid")),
                SignatureAlgorithm.fromRfc9421Name(vector.getString("alg")).orElseThrow());
        byte[] signature =
                Rfc9421Signer.of(key).signatureFor(withoutSignatures(signed.message), params, signed.related);
        assertThat(Base64.getEncoder().encodeToString(signature)).isEqualTo(vector.getString("signature_b64"));
    }

    @Test
    void deterministicVectorsAreTheFourTheRfcPrints() {
        assertThat(vectors().filter(v -> v.getBoolean("deterministic")).map(v -> v.getString("id")))
                .containsExactlyInAnyOrder("sig-b25", "sig-b26", "sec4.3-proxy_sig", "transform");
    }

    @Test
    void transformationsKeepOrBreakTheSignatureAsTheRfcSays() {
        JsonObject transform = vectors()
                .filter(v -> v.getString("id").equals("transform"))
                .findFirst()
                .orElseThrow();
        List<JsonObject> variants = transform.getJsonArray("variants").stream()
                .map(JsonValue::asJsonObject)
                .toList();
        assertThat(variants).hasSize(6);
        long valid = 0;
        for (JsonObject variant : variants) {
            HttpMessage.Request request = TestMessages.request(variant.getJsonObject("message"), "https");
            VerificationResult result = verifier(transform).verify(request, null);
            assertThat(result.isVerified())
                    .as(variant.getString("description") + ": " + result)
                    .isEqualTo(variant.getBoolean("expected_valid"));
            valid += result.isVerified() ? 1 : 0;
        }
        assertThat(valid).isEqualTo(4);
    }

    @Test
    void signatureParamsExampleRoundTrips() {
        String value =
                FILE.getJsonObject("signature_params_serialization_example").getString("value");
        assertThat(StructuredFields.parseList(value).serialize()).isEqualTo(value);
    }

    @Test
    void proxyRequestCarriesTheClientAndTheProxySignature() {
        JsonObject proxy = vectors()
                .filter(v -> v.getString("id").equals("sec4.3-proxy_sig"))
                .findFirst()
                .orElseThrow();
        HttpMessage.Request request = TestMessages.request(proxy.getJsonObject("signed_message"), "https");
        List<Rfc9421Reader.Entry> entries = entries(request);
        assertThat(entries).extracting(Rfc9421Reader.Entry::label).containsExactly("sig1", "proxy_sig");
    }

    private record Signed(HttpMessage message, Optional<HttpMessage.Request> related, byte[] body) {}

    private static Signed signed(JsonObject vector) {
        String id = vector.getString("id");
        Optional<HttpMessage.Request> related = vector.containsKey("related_request")
                ? Optional.of(TestMessages.request(vector.getJsonObject("related_request"), "https"))
                : Optional.empty();
        JsonObject source;
        if (vector.containsKey("signed_message")) {
            source = vector.getJsonObject("signed_message");
        } else if (id.equals("transform")) {
            source = vector.getJsonArray("variants").getJsonObject(0).getJsonObject("message");
        } else {
            JsonObject unsigned = FILE.getJsonObject(vector.getString("message").replace('-', '_'));
            source = withSignature(unsigned, vector);
        }
        HttpMessage message =
                source.containsKey("status") ? TestMessages.response(source) : TestMessages.request(source, "https");
        byte[] body = TestMessages.body(source);
        if (vector.getString("message").equals("test-response")) {
            // RFC 9421 B.2 prints test-response with the Content-Digest of another body; B.2.4's signature
            // covers the digest of the printed body, which is what a sender would have sent.
            HttpFields fields =
                    message.fields().replacing("Content-Digest", Digests.contentDigest(body, DigestAlgorithm.SHA_512));
            message = HttpMessage.Response.of(((HttpMessage.Response) message).status(), fields);
        }
        if (id.equals("sec4.3-proxy_sig")) {
            // The collector's copy of the proxied body starts with a stray LF from the RFC's layout.
            body = new String(body, StandardCharsets.UTF_8).stripLeading().getBytes(StandardCharsets.UTF_8);
        }
        return new Signed(message, related, body);
    }

    private static JsonObject withSignature(JsonObject unsigned, JsonObject vector) {
        var headers = jakarta.json.Json.createArrayBuilder(unsigned.getJsonArray("headers"))
                .add(jakarta.json.Json.createArrayBuilder()
                        .add("Signature-Input")
                        .add(vector.getString("signature_input_header")))
                .add(jakarta.json.Json.createArrayBuilder().add("Signature").add(vector.getString("signature_header")));
        return jakarta.json.Json.createObjectBuilder(unsigned)
                .add("headers", headers)
                .build();
    }

    private static HttpMessage withoutSignatures(HttpMessage message) {
        HttpFields fields = message.fields().without("signature").without("signature-input");
        return message instanceof HttpMessage.Request
                ? ((HttpMessage.Request) message).withFields(fields)
                : HttpMessage.Response.of(((HttpMessage.Response) message).status(), fields);
    }

    private static List<Rfc9421Reader.Entry> entries(HttpMessage message) {
        try {
            return Rfc9421Reader.entries(message, VerificationPolicy.defaults());
        } catch (SignedCandidate.Rejection e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private static Rfc9421Reader.Entry entry(HttpMessage message, String label) {
        return entries(message).stream()
                .filter(e -> e.label().equals(label))
                .findFirst()
                .orElseThrow();
    }

    /** The RFC's examples are years old and cover what each example shows, not what the fediverse requires. */
    private static SignatureVerifier verifier(JsonObject vector) {
        long created = StructuredFields.parseList(vector.getString("signature_input_member"))
                .members()
                .get(0)
                .parameters()
                .get("created")
                .map(c -> ((dev.herald.signatures.sfv.BareItem.Integer) c).value())
                .orElseThrow();
        VerificationPolicy policy = VerificationPolicy.builder()
                .clock(Clock.fixed(Instant.ofEpochSecond(created), ZoneOffset.UTC))
                .maxAge(Duration.ofDays(365 * 10))
                .requireCoverage(false)
                .allowedAlgorithms(EnumSet.allOf(SignatureAlgorithm.class))
                .build();
        return SignatureVerifier.of(TestKeys.rfcKeys(), policy);
    }

    private static VerificationResult verify(Signed signed, JsonObject vector) {
        SignatureVerifier verifier = verifier(vector);
        String label = vector.getString("label");
        // Verify only this vector's label: strip the other labels so "first that verifies" cannot hide a failure.
        HttpMessage only = onlyLabel(signed.message, label);
        if (only instanceof HttpMessage.Response) {
            return verifier.verifyResponse((HttpMessage.Response) only, signed.related, signed.body);
        }
        return verifier.verify((HttpMessage.Request) only, signed.body);
    }

    private static HttpMessage onlyLabel(HttpMessage message, String label) {
        Rfc9421Reader.Entry entry = entry(message, label);
        HttpFields fields = message.fields()
                .without("signature-input")
                .without("signature")
                .with("Signature-Input", label + "=" + entry.input().serialize())
                .with("Signature", label + "=:" + Base64.getEncoder().encodeToString(entry.signature()) + ":");
        return message instanceof HttpMessage.Request
                ? ((HttpMessage.Request) message).withFields(fields)
                : HttpMessage.Response.of(((HttpMessage.Response) message).status(), fields);
    }
}
