package dev.herald.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.signatures.CavageSignatureHeader;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Rfc9421Signer;
import dev.herald.signatures.SignatureVerifier;
import dev.herald.signatures.SigningKey;
import dev.herald.signatures.VerificationKey;
import dev.herald.signatures.internal.CryptoProviders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With native providers on the class path (this module has ACCP and Conscrypt), Herald signs RSA with the
 * preferred one, and its signatures are the same bytes the JDK makes: PKCS#1 v1.5 is deterministic, so any
 * difference would be a bug.
 */
class FastProviderTest {
    private static final KeyPair KEYS = KeyPairs.rsa2048();
    private static final String KEY_ID = "https://news.example.org/actor#main-key";
    private static final byte[] BODY = "{\"type\":\"Create\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theAwsLcProviderIsPreferredForRsa() {
        assertThat(CryptoProviders.rsaProviderName()).isEqualTo("AmazonCorrettoCryptoProvider");
    }

    @Test
    void nativeSignaturesEqualTheJdksByteForByte() throws Exception {
        HttpMessage.Request signed = CavageSigner.of(SigningKey.of(KEY_ID, KEYS.getPrivate()))
                .sign(
                        HttpMessage.Request.of(
                                "POST",
                                URI.create("https://mastodon.example/inbox"),
                                HttpFields.of("Content-Type", "application/activity+json")),
                        BODY);
        CavageSignatureHeader header =
                CavageSignatureHeader.parse(signed.fields().first("signature").orElseThrow());
        String signingString = "(request-target): post /inbox\nhost: mastodon.example\ndate: "
                + signed.fields().first("date").orElseThrow() + "\ndigest: "
                + signed.fields().first("digest").orElseThrow() + "\ncontent-type: application/activity+json";
        Signature jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        jdk.initSign(KEYS.getPrivate());
        jdk.update(signingString.getBytes(StandardCharsets.UTF_8));
        assertThat(header.signature()).isEqualTo(jdk.sign());
    }

    @Test
    void nativeProviderVerifiesBothSpecs() {
        SigningKey key = SigningKey.of(KEY_ID, KEYS.getPrivate());
        VerificationKey publicKey =
                VerificationKey.of(KEY_ID, KEYS.getPublic(), URI.create("https://news.example.org/actor"));
        SignatureVerifier verifier = SignatureVerifier.of(id -> Optional.of(publicKey));
        HttpMessage.Request request = HttpMessage.Request.of(
                "POST",
                URI.create("https://mastodon.example/inbox"),
                HttpFields.of("Content-Type", "application/activity+json"));
        assertThat(verifier.verify(CavageSigner.of(key).sign(request, BODY), BODY)
                        .isVerified())
                .isTrue();
        assertThat(verifier.verify(Rfc9421Signer.of(key).sign(request, BODY), BODY)
                        .isVerified())
                .isTrue();
    }
}
