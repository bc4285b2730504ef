package dev.herald.signatures.internal;

import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the JCA provider for RSA: a native one when it is on the class or module path, else the JDK's.
 * One RSA signature per delivered request is the floor of delivery cost. In order of preference: Amazon
 * Corretto Crypto Provider (AWS-LC; on this project's x86-64 machines it signs RSA-2048 as fast as
 * {@code openssl speed}), then Conscrypt (BoringSSL; about half that, still well ahead of the JDK). Nothing
 * here requires either.
 *
 * <p>The system property {@code herald.signatures.provider} chooses: {@code auto} (default), {@code accp},
 * {@code conscrypt} or {@code jdk} (detection off). Not part of Herald's API: this package is not exported.
 *
 * <p>Thread-safe: the provider is chosen once; every call gets its own {@link Signature} object.
 */
public final class CryptoProviders {
    private static final Optional<Provider> FAST_RSA = detect();

    private CryptoProviders() {}

    /** The name of the provider used for RSA, e.g. {@code AmazonCorrettoCryptoProvider} or {@code SunRsaSign}. */
    public static String rsaProviderName() {
        return rsaSha256().getProvider().getName();
    }

    /**
     * A new {@code SHA256withRSA} signature object. A new one each time: native providers tie key state to
     * the object (ACCP releases the previous key on the next init), and with an explicit provider creating
     * one is cheap next to an RSA operation.
     */
    public static Signature rsaSha256() {
        try {
            return FAST_RSA.isPresent()
                    ? Signature.getInstance("SHA256withRSA", FAST_RSA.get())
                    : Signature.getInstance("SHA256withRSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA256withRSA is not available", e);
        }
    }

    /** Each thread's last {@code SHA256withRSA} object and the key it was initialised with. */
    private static final ThreadLocal<KeyedSignature> RSA_SIGNERS = new ThreadLocal<>();

    private record KeyedSignature(Signature signature, PrivateKey key) {}

    /**
     * Signs {@code data} with {@code SHA256withRSA}. A thread that signs again with the same key object reuses its
     * signature object as it is after the last {@code sign()} (ready for the same key, as the JCA specifies), so a
     * fan-out pays for neither a provider lookup nor an {@code initSign} per request; another key gets a new object.
     * The thread keeps its last key object (and the provider's native copy of it) referenced until it signs with
     * another key or ends: delivery threads end with their engine.
     */
    public static byte[] signRsaSha256(PrivateKey key, byte[] data) throws GeneralSecurityException {
        KeyedSignature last = RSA_SIGNERS.get();
        boolean reuse = last != null && last.key() == key;
        Signature signature = reuse ? last.signature() : rsaSha256();
        try {
            if (!reuse) {
                signature.initSign(key);
            }
            signature.update(data);
            byte[] signed = signature.sign();
            if (!reuse) {
                RSA_SIGNERS.set(new KeyedSignature(signature, key));
            }
            return signed;
        } catch (GeneralSecurityException | RuntimeException e) {
            RSA_SIGNERS.remove(); // after a failure the object's state is unknown: it is not kept
            throw e;
        }
    }

    /**
     * {@code key} in the fast provider's own form, when there is a fast provider and the key is RSA; else
     * {@code key} itself. Conscrypt converts a JDK key into a native one on every {@code initSign}, which
     * costs as much as the signature: signers convert their key once, when they are built.
     */
    public static Key prepareForSigning(Key key) {
        if (FAST_RSA.isEmpty() || !(key instanceof RSAPrivateKey)) {
            return key;
        }
        try {
            return KeyFactory.getInstance("RSA", FAST_RSA.get()).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    /** Like {@link #prepareForSigning}, for an RSA public key that will verify many signatures. */
    public static Key prepareForVerifying(Key key) {
        if (FAST_RSA.isEmpty() || !(key instanceof RSAPublicKey)) {
            return key;
        }
        try {
            return KeyFactory.getInstance("RSA", FAST_RSA.get()).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    /** A new signature object for {@code algorithm}, from the fast provider when it has the algorithm. */
    public static Signature newSignature(String algorithm) throws GeneralSecurityException {
        if (FAST_RSA.isPresent() && algorithm.toUpperCase(Locale.ROOT).contains("RSA")) {
            try {
                return Signature.getInstance(algorithm, FAST_RSA.get());
            } catch (NoSuchAlgorithmException e) {
                // Not every provider has every RSA variant (e.g. RSASSA-PSS): fall back to the JDK.
            }
        }
        return Signature.getInstance(algorithm);
    }

    private static Optional<Provider> detect() {
        String choice =
                System.getProperty("herald.signatures.provider", "auto").trim().toLowerCase(java.util.Locale.ROOT);
        switch (choice) {
            case "jdk":
                return Optional.empty();
            case "accp":
                return accp();
            case "conscrypt":
                return conscrypt();
            default:
                // ACCP (AWS-LC) signs RSA-2048 at OpenSSL 3's rate on x86-64; Conscrypt (BoringSSL) at about half.
                return accp().or(CryptoProviders::conscrypt);
        }
    }

    /** Amazon Corretto Crypto Provider, when it is present and loaded its native library. */
    private static Optional<Provider> accp() {
        Provider registered = Security.getProvider("AmazonCorrettoCryptoProvider");
        if (registered != null) {
            return Optional.of(registered);
        }
        try {
            Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            Object error = type.getMethod("getLoadingError").invoke(provider);
            return error == null ? Optional.of(provider) : Optional.empty();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Conscrypt, when it is present and available on this platform. */
    private static Optional<Provider> conscrypt() {
        Provider registered = Security.getProvider("Conscrypt");
        if (registered != null) {
            return Optional.of(registered);
        }
        try {
            Class<?> conscrypt = Class.forName("org.conscrypt.Conscrypt");
            Method isAvailable = conscrypt.getMethod("isAvailable");
            if (!Boolean.TRUE.equals(isAvailable.invoke(null))) {
                return Optional.empty();
            }
            // Not installed globally: Herald must not change the host application's security providers.
            return Optional.of((Provider) conscrypt.getMethod("newProvider").invoke(null));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }
}
