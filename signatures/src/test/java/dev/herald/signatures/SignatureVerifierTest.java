package dev.herald.signatures;

import static dev.herald.signatures.VerificationResult.Reason.ALGORITHM_NOT_ALLOWED;
import static dev.herald.signatures.VerificationResult.Reason.BAD_SIGNATURE;
import static dev.herald.signatures.VerificationResult.Reason.DIGEST_MISMATCH;
import static dev.herald.signatures.VerificationResult.Reason.DIGEST_MISSING;
import static dev.herald.signatures.VerificationResult.Reason.EXPIRED;
import static dev.herald.signatures.VerificationResult.Reason.KEY_UNAVAILABLE;
import static dev.herald.signatures.VerificationResult.Reason.MALFORMED_SIGNATURE;
import static dev.herald.signatures.VerificationResult.Reason.MISSING_COMPONENT;
import static dev.herald.signatures.VerificationResult.Reason.MISSING_HEADER;
import static dev.herald.signatures.VerificationResult.Reason.MISSING_SIGNATURE;
import static dev.herald.signatures.VerificationResult.Reason.UNKNOWN_KEY;
import static dev.herald.signatures.VerificationResult.Reason.WEAK_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final KeyPair RSA = KeyPairs.rsa2048();
    private static final KeyPair ED25519 = KeyPairs.ed25519();
    private static final String KEY_ID = "https://remote.example/users/alice#main-key";
    private static final URI OWNER = URI.create("https://remote.example/users/alice");
    private static final URI INBOX = URI.create("https://herald.example/inbox");
    private static final byte[] BODY = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);

    private static HttpMessage.Request post() {
        return HttpMessage.Request.of("POST", INBOX, HttpFields.of("Content-Type", "application/activity+json"));
    }

    private static SignatureVerifier verifier(KeyPair pair) {
        return SignatureVerifier.of(
                TestKeys.fixed(Map.of(KEY_ID, VerificationKey.of(KEY_ID, pair.getPublic(), OWNER))),
                VerificationPolicy.builder().clock(CLOCK).build());
    }

    private static CavageSigner cavage(KeyPair pair) {
        return CavageSigner.builder(SigningKey.of(KEY_ID, pair.getPrivate()))
                .clock(CLOCK)
                .build();
    }

    private static Rfc9421Signer rfc9421(KeyPair pair) {
        return Rfc9421Signer.builder(SigningKey.of(KEY_ID, pair.getPrivate()))
                .clock(CLOCK)
                .build();
    }

    private static VerificationResult.Reason rejection(VerificationResult result) {
        assertThat(result).isInstanceOf(VerificationResult.Rejected.class);
        return ((VerificationResult.Rejected) result).reason();
    }

    @Test
    void verifiesWhatTheCavageSignerSigns() {
        HttpMessage.Request signed = cavage(RSA).sign(post(), BODY);
        VerificationResult result = verifier(RSA).verify(signed, BODY);
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Verified.class, v -> {
            assertThat(v.spec()).isEqualTo(SignatureSpec.DRAFT_CAVAGE_12);
            assertThat(v.keyOwner()).contains(OWNER);
            assertThat(v.components()).containsExactly("(request-target)", "host", "date", "digest", "content-type");
            assertThat(v.created()).contains(NOW);
        });
        assertThat(signed.fields().first("digest"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("SHA-256="));
    }

    @Test
    void verifiesWhatTheRfc9421SignerSigns() {
        HttpMessage.Request signed = rfc9421(RSA).sign(post(), BODY);
        VerificationResult result = verifier(RSA).verify(signed, BODY);
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Verified.class, v -> {
            assertThat(v.spec()).isEqualTo(SignatureSpec.RFC_9421);
            assertThat(v.label()).contains("sig1");
            assertThat(v.components()).contains("\"@method\"", "\"@target-uri\"", "\"content-digest\"");
        });
        assertThat(signed.fields().first("signature-input").orElseThrow()).doesNotContain("alg=");
    }

    @Test
    void ed25519KeysSignBothSpecs() {
        assertThat(verifier(ED25519)
                        .verify(cavage(ED25519).sign(post(), BODY), BODY)
                        .isVerified())
                .isTrue();
        assertThat(verifier(ED25519)
                        .verify(rfc9421(ED25519).sign(post(), BODY), BODY)
                        .isVerified())
                .isTrue();
        String header =
                cavage(ED25519).sign(post(), BODY).fields().first("signature").orElseThrow();
        assertThat(header).contains("algorithm=\"hs2019\"").contains("(created) (expires)");
    }

    @Test
    void getWithoutBodyNeedsNoDigest() {
        HttpMessage.Request get = HttpMessage.Request.of("GET", URI.create("https://herald.example/actor?page=2"));
        assertThat(verifier(RSA).verify(cavage(RSA).sign(get, null), null).isVerified())
                .isTrue();
        assertThat(verifier(RSA).verify(rfc9421(RSA).sign(get, null), null).isVerified())
                .isTrue();
    }

    @Test
    void rejectsUnsignedRequest() {
        assertThat(rejection(verifier(RSA).verify(post(), BODY))).isEqualTo(MISSING_SIGNATURE);
    }

    @Test
    void rejectsMalformedSignatureHeader() {
        HttpMessage.Request request = post().withField("Signature", "keyId=\"x\",signature=\"not base64!\"");
        VerificationResult result = verifier(RSA).verify(request, BODY);
        assertThat(rejection(result)).isEqualTo(MALFORMED_SIGNATURE);
        assertThat(((VerificationResult.Rejected) result).detail()).contains("base64");
    }

    @Test
    void rejectsMalformedSignatureInput() {
        HttpMessage.Request request =
                post().withField("Signature-Input", "sig1=(\"@method\"").withField("Signature", "sig1=:AA==:");
        assertThat(rejection(verifier(RSA).verify(request, BODY))).isEqualTo(MALFORMED_SIGNATURE);
    }

    @Test
    void rejectsSignatureOlderThanOneHour() {
        HttpMessage.Request signed = CavageSigner.builder(SigningKey.of(KEY_ID, RSA.getPrivate()))
                .clock(Clock.fixed(NOW.minus(Duration.ofMinutes(61)), ZoneOffset.UTC))
                .build()
                .sign(post(), BODY);
        VerificationResult result = verifier(RSA).verify(signed, BODY);
        assertThat(rejection(result)).isEqualTo(EXPIRED);
        assertThat(((VerificationResult.Rejected) result).detail())
                .contains("outside the window")
                .contains("now " + NOW);
    }

    @Test
    void rejectsSignatureFromTheFuture() {
        HttpMessage.Request signed = Rfc9421Signer.builder(SigningKey.of(KEY_ID, RSA.getPrivate()))
                .clock(Clock.fixed(NOW.plus(Duration.ofMinutes(61)), ZoneOffset.UTC))
                .build()
                .sign(post(), BODY);
        assertThat(rejection(verifier(RSA).verify(signed, BODY))).isEqualTo(EXPIRED);
    }

    @Test
    void rejectsExpiredRfc9421Signature() {
        HttpMessage.Request signed = Rfc9421Signer.builder(SigningKey.of(KEY_ID, RSA.getPrivate()))
                .clock(Clock.fixed(NOW.minus(Duration.ofMinutes(30)), ZoneOffset.UTC))
                .expiresAfter(Duration.ofMinutes(1))
                .build()
                .sign(post(), BODY);
        SignatureVerifier verifier = SignatureVerifier.of(
                TestKeys.fixed(Map.of(KEY_ID, VerificationKey.of(KEY_ID, RSA.getPublic(), OWNER))),
                VerificationPolicy.builder()
                        .clock(CLOCK)
                        .clockSkew(Duration.ofMinutes(5))
                        .build());
        VerificationResult result = verifier.verify(signed, BODY);
        assertThat(rejection(result)).isEqualTo(EXPIRED);
        assertThat(((VerificationResult.Rejected) result).detail()).contains("expired");
        assertThat(verifier(RSA).verify(signed, BODY).isVerified())
                .as("within the default 1-hour skew")
                .isTrue();
    }

    @Test
    void rejectsBodyThatDoesNotMatchTheDigest() {
        HttpMessage.Request signed = cavage(RSA).sign(post(), BODY);
        assertThat(rejection(verifier(RSA).verify(signed, "{}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(DIGEST_MISMATCH);
        HttpMessage.Request signed9421 = rfc9421(RSA).sign(post(), BODY);
        assertThat(rejection(verifier(RSA).verify(signed9421, "{}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(DIGEST_MISMATCH);
    }

    @Test
    void rejectsPostWhoseDigestIsNotSigned() {
        HttpMessage.Request signed = CavageSigner.builder(SigningKey.of(KEY_ID, RSA.getPrivate()))
                .clock(CLOCK)
                .headersWithBody(List.of("(request-target)", "host", "date"))
                .build()
                .sign(post(), BODY);
        assertThat(rejection(verifier(RSA).verify(signed, BODY))).isEqualTo(DIGEST_MISSING);
    }

    @Test
    void rejectsSignatureThatDoesNotCoverTheRequestTarget() {
        HttpMessage.Request signed = CavageSigner.builder(SigningKey.of(KEY_ID, RSA.getPrivate()))
                .clock(CLOCK)
                .headersWithBody(List.of("host", "date", "digest"))
                .build()
                .sign(post(), BODY);
        VerificationResult result = verifier(RSA).verify(signed, BODY);
        assertThat(rejection(result)).isEqualTo(MISSING_COMPONENT);
        assertThat(((VerificationResult.Rejected) result).detail()).contains("(request-target)");
        HttpMessage.Request signed9421 = Rfc9421Signer.builder(SigningKey.of(KEY_ID, RSA.getPrivate()))
                .clock(CLOCK)
                .componentsWithBody(List.of("@method", "content-digest"))
                .build()
                .sign(post(), BODY);
        assertThat(rejection(verifier(RSA).verify(signed9421, BODY))).isEqualTo(MISSING_COMPONENT);
    }

    @Test
    void rejectsSignatureOverHeadersTheRequestDoesNotHave() {
        HttpMessage.Request signed = cavage(RSA).sign(post(), BODY);
        HttpMessage.Request withoutType = signed.withFields(signed.fields().without("content-type"));
        assertThat(rejection(verifier(RSA).verify(withoutType, BODY))).isEqualTo(MISSING_HEADER);
    }

    @Test
    void rejectsUnknownKey() {
        HttpMessage.Request signed = CavageSigner.builder(SigningKey.of("https://other.example/key", RSA.getPrivate()))
                .clock(CLOCK)
                .build()
                .sign(post(), BODY);
        VerificationResult result = verifier(RSA).verify(signed, BODY);
        assertThat(rejection(result)).isEqualTo(UNKNOWN_KEY);
        assertThat(((VerificationResult.Rejected) result).keyId()).contains("https://other.example/key");
    }

    @Test
    void rejectsWhenTheKeyCannotBeFetched() {
        SignatureVerifier verifier = SignatureVerifier.of(
                keyId -> {
                    throw new KeyResolver.KeyResolutionException("connection refused");
                },
                VerificationPolicy.builder().clock(CLOCK).build());
        VerificationResult result = verifier.verify(cavage(RSA).sign(post(), BODY), BODY);
        assertThat(rejection(result)).isEqualTo(KEY_UNAVAILABLE);
        assertThat(((VerificationResult.Rejected) result).detail()).contains("connection refused");
    }

    @Test
    void rejectsSignatureByAnotherKey() {
        KeyPair other = KeyPairs.rsa2048();
        HttpMessage.Request forged = cavage(other).sign(post(), BODY);
        assertThat(rejection(verifier(RSA).verify(forged, BODY))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void rejectsSignaturesThatNameAnotherAlgorithmThanTheKeyIsPinnedTo() {
        SignatureVerifier verifier = SignatureVerifier.of(
                TestKeys.fixed(Map.of(
                        KEY_ID,
                        VerificationKey.of(KEY_ID, RSA.getPublic(), OWNER)
                                .withAlgorithm(SignatureAlgorithm.RSA_PSS_SHA512))),
                VerificationPolicy.builder().clock(CLOCK).build());
        HttpMessage.Request signed = Rfc9421Signer.builder(SigningKey.of(KEY_ID, RSA.getPrivate()))
                .clock(CLOCK)
                .includeAlg(true)
                .build()
                .sign(post(), BODY);
        assertThat(rejection(verifier.verify(signed, BODY))).isEqualTo(ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void rejectsHmacWithThePublicKeyAsSecret() {
        // Algorithm confusion: the attacker "signs" with HMAC keyed by the victim's public key bytes.
        SecretKeySpec secret = new SecretKeySpec(RSA.getPublic().getEncoded(), "HmacSHA256");
        HttpMessage.Request forged = Rfc9421Signer.builder(
                        new SigningKey(KEY_ID, secret, SignatureAlgorithm.HMAC_SHA256))
                .clock(CLOCK)
                .includeAlg(true)
                .build()
                .sign(post(), BODY);
        VerificationResult result = verifier(RSA).verify(forged, BODY);
        assertThat(rejection(result)).isEqualTo(ALGORITHM_NOT_ALLOWED);
        HttpMessage.Request forgedCavage = cavage(RSA).sign(post(), BODY);
        String header = forgedCavage.fields().first("signature").orElseThrow().replace("rsa-sha256", "hmac-sha256");
        assertThat(rejection(verifier(RSA)
                        .verify(forgedCavage.withFields(forgedCavage.fields().replacing("Signature", header)), BODY)))
                .isEqualTo(ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void rejectsKeysWeakerThanThePolicy() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();
        HttpMessage.Request signed = cavage(weak).sign(post(), BODY);
        assertThat(rejection(verifier(weak).verify(signed, BODY))).isEqualTo(WEAK_KEY);
    }

    @Test
    void refetchesTheKeyOnceWhenTheSenderRotatedIt() {
        KeyPair rotated = KeyPairs.rsa2048();
        AtomicInteger refreshes = new AtomicInteger();
        KeyResolver resolver = new KeyResolver() {
            @Override
            public Optional<VerificationKey> resolve(String keyId) {
                return Optional.of(VerificationKey.of(keyId, RSA.getPublic(), OWNER));
            }

            @Override
            public Optional<VerificationKey> refresh(String keyId) {
                refreshes.incrementAndGet();
                return Optional.of(VerificationKey.of(keyId, rotated.getPublic(), OWNER));
            }
        };
        SignatureVerifier verifier = SignatureVerifier.of(
                resolver, VerificationPolicy.builder().clock(CLOCK).build());
        assertThat(verifier.verify(cavage(rotated).sign(post(), BODY), BODY).isVerified())
                .isTrue();
        assertThat(refreshes).hasValue(1);
        assertThat(verifier.verify(cavage(RSA).sign(post(), BODY), BODY).isVerified())
                .isTrue();
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void acceptsTheFirstValidOfSeveralRfc9421Signatures() {
        KeyPair other = KeyPairs.rsa2048();
        HttpMessage.Request first = Rfc9421Signer.builder(
                        SigningKey.of("https://unknown.example/key", other.getPrivate()))
                .clock(CLOCK)
                .label("proxy")
                .build()
                .sign(post(), BODY);
        HttpMessage.Request both = rfc9421(RSA).sign(first, BODY);
        VerificationResult result = verifier(RSA).verify(both, BODY);
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Verified.class, v -> assertThat(v.label())
                .contains("sig1"));
    }

    @Test
    void reportsTheFirstRejectionWhenNoSignatureVerifies() {
        KeyPair other = KeyPairs.rsa2048();
        HttpMessage.Request signed = Rfc9421Signer.builder(
                        SigningKey.of("https://unknown.example/key", other.getPrivate()))
                .clock(CLOCK)
                .build()
                .sign(post(), BODY);
        assertThat(rejection(verifier(RSA).verify(signed, BODY))).isEqualTo(UNKNOWN_KEY);
    }

    @Test
    void rejectsTamperedTargetAndMethod() {
        HttpMessage.Request signed = rfc9421(RSA).sign(post(), BODY);
        HttpMessage.Request otherPath = new HttpMessage.Request(
                "POST", URI.create("https://herald.example/other"), "/other", signed.fields(), HttpFields.empty());
        assertThat(rejection(verifier(RSA).verify(otherPath, BODY))).isEqualTo(BAD_SIGNATURE);
        HttpMessage.Request otherMethod =
                new HttpMessage.Request("PUT", INBOX, "/inbox", signed.fields(), HttpFields.empty());
        assertThat(rejection(verifier(RSA).verify(otherMethod, BODY))).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void rejectsOversizedSignatureFields() {
        String huge = "keyId=\"" + "a".repeat(20_000) + "\",signature=\"AA==\"";
        assertThat(rejection(verifier(RSA).verify(post().withField("Signature", huge), BODY)))
                .isEqualTo(MALFORMED_SIGNATURE);
    }

    @Test
    void rejectionsAnswer401ExceptMalformedDigest() {
        HttpMessage.Request signed = rfc9421(RSA).sign(post(), BODY);
        HttpMessage.Request badDigest =
                signed.withFields(signed.fields().replacing("Content-Digest", "SHA-256=:AA==:"));
        VerificationResult.Rejected rejected =
                (VerificationResult.Rejected) verifier(RSA).verify(badDigest, BODY);
        assertThat(rejected.httpStatus()).isEqualTo(400);
        assertThat(((VerificationResult.Rejected) verifier(RSA).verify(post(), BODY)).httpStatus())
                .isEqualTo(401);
    }
}
