package dev.herald.signatures.internal;

import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the JCA provider for RSA: an OpenSSL/BoringSSL-backed one (Conscrypt) when it is on the class or
 * module path, else the JDK's. Conscrypt signs RSA-2048 about twice as fast as the JDK, and one RSA
 * signature per delivered request is the floor of delivery cost. Nothing here requires Conscrypt.
 *
 * <p>The system property {@code herald.signatures.provider} set to {@code jdk} turns the detection off
 * (benchmarks compare both). Not part of Herald's API: this package is not exported.
 *
 * <p>Thread-safe: the provider is chosen once; {@link Signature} objects are cached per thread because
 * they are not thread-safe and cost allocations to create.
 */
public final class CryptoProviders {
    private static final Optional<Provider> FAST_RSA = detect();

    private static final ThreadLocal<Signature> RSA_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return FAST_RSA.isPresent()
                    ? Signature.getInstance("SHA256withRSA", FAST_RSA.get())
                    : Signature.getInstance("SHA256withRSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA256withRSA is not available", e);
        }
    });

    private CryptoProviders() {}

    /** The name of the provider used for RSA, e.g. {@code Conscrypt} or {@code SunRsaSign}. */
    public static String rsaProviderName() {
        return RSA_SHA256.get().getProvider().getName();
    }

    /**
     * This thread's {@code SHA256withRSA} signature object. Callers must initialise it before each use and
     * must not keep it across calls that might re-enter.
     */
    public static Signature rsaSha256() {
        return RSA_SHA256.get();
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
        String choice = System.getProperty("herald.signatures.provider", "auto").trim();
        if (choice.equalsIgnoreCase("jdk")) {
            return Optional.empty();
        }
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
