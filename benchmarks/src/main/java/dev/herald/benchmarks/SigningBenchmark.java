package dev.herald.benchmarks;

import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Rfc9421Signer;
import dev.herald.signatures.SignatureVerifier;
import dev.herald.signatures.SigningKey;
import dev.herald.signatures.VerificationKey;
import dev.herald.signatures.VerificationResult;
import dev.herald.signatures.internal.CryptoProviders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RSA-2048 cost of a whole signed delivery request, as Herald's delivery engine makes it: an ActivityPub
 * {@code Create} of about 1.5 KB, its {@code Digest}, the signing string and the signature; and of
 * verifying one on the inbox side.
 *
 * <p>{@code provider=auto} picks the fastest native provider on this module's class path (Amazon Corretto
 * Crypto Provider, AWS-LC), {@code conscrypt} forces Conscrypt (BoringSSL) and {@code jdk} the JDK's own. Each parameter value runs in its own JVM fork, so the choice is made before Herald's
 * provider detection runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SigningBenchmark {
    @Param({"auto", "conscrypt", "jdk"})
    public String provider;

    private CavageSigner cavage;
    private Rfc9421Signer rfc9421;
    private SignatureVerifier verifier;
    private HttpMessage.Request request;
    private HttpMessage.Request signed;
    private byte[] body;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("herald.signatures.provider", provider);
        KeyPair pair = KeyPairs.rsa2048();
        String keyId = "https://news.example.org/actor#main-key";
        SigningKey key = SigningKey.of(keyId, pair.getPrivate());
        cavage = CavageSigner.of(key);
        rfc9421 = Rfc9421Signer.of(key);
        VerificationKey publicKey =
                VerificationKey.of(keyId, pair.getPublic(), URI.create("https://news.example.org/actor"));
        verifier = SignatureVerifier.of(id -> Optional.of(publicKey));
        body = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"type\":\"Create\",\"id\":"
                        + "\"https://news.example.org/posts/1/activity\",\"actor\":\"https://news.example.org/actor\","
                        + "\"object\":{\"type\":\"Note\",\"content\":\"" + "<p>Release notes and more.</p>".repeat(40)
                        + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        request = HttpMessage.Request.of(
                "POST",
                URI.create("https://mastodon.example/inbox"),
                HttpFields.of("Content-Type", "application/activity+json"));
        signed = cavage.sign(request, body);
        System.out.println("herald-bench: provider=" + provider + " rsa=" + CryptoProviders.rsaProviderName() + " body="
                + body.length + " bytes");
    }

    /** Sign a delivery with draft-cavage-12 (what every delivery does today). */
    @Benchmark
    public HttpMessage.Request signCavage() {
        return cavage.sign(request, body);
    }

    /** Sign a delivery with RFC 9421. */
    @Benchmark
    public HttpMessage.Request signRfc9421() {
        return rfc9421.sign(request, body);
    }

    /** Verify a signed delivery: digest, signing string, RSA verification (key already cached). */
    @Benchmark
    public VerificationResult verifyCavage() {
        return verifier.verify(signed, body);
    }
}
