package dev.herald.signatures;

import dev.herald.signatures.internal.CryptoProviders;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature algorithms of RFC 9421 §3.3 (the registry), which also cover what draft-cavage-12 uses.
 *
 * <p>{@link #RSA_V1_5_SHA256} is what the fediverse uses (draft-cavage {@code rsa-sha256} and
 * {@code hs2019} with RSA keys). Each algorithm checks that the key is of its kind, so a public key can
 * never be used as an HMAC secret (algorithm confusion). Thread-safe.
 */
public enum SignatureAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256. */
    RSA_V1_5_SHA256("rsa-v1_5-sha256"),
    /** RSASSA-PSS with SHA-512, MGF1 with SHA-512, a 64-byte salt. */
    RSA_PSS_SHA512("rsa-pss-sha512"),
    /** ECDSA on P-256 with SHA-256; signatures are r‖s (64 bytes) as RFC 9421 §3.3.4 says. */
    ECDSA_P256_SHA256("ecdsa-p256-sha256"),
    /** Ed25519 (RFC 8032). */
    ED25519("ed25519"),
    /** HMAC with SHA-256 and a shared secret. */
    HMAC_SHA256("hmac-sha256");

    private final String rfc9421Name;

    SignatureAlgorithm(String rfc9421Name) {
        this.rfc9421Name = rfc9421Name;
    }

    /** The name in RFC 9421's registry, as in the {@code alg} parameter. */
    public String rfc9421Name() {
        return rfc9421Name;
    }

    /** The algorithm registered under {@code name} in RFC 9421 (exact, lower case). */
    public static Optional<SignatureAlgorithm> fromRfc9421Name(String name) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.rfc9421Name.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /**
     * The algorithm a key implies when the signature does not name one (Mastodon sends no {@code alg}):
     * RSA → {@link #RSA_V1_5_SHA256}, an RSASSA-PSS key → {@link #RSA_PSS_SHA512}, EC → ECDSA P-256,
     * Ed25519 → {@link #ED25519}, a secret key → HMAC.
     */
    public static Optional<SignatureAlgorithm> impliedBy(Key key) {
        if (key instanceof SecretKey) {
            return Optional.of(HMAC_SHA256);
        }
        if (key instanceof RSAKey) {
            return Optional.of(key.getAlgorithm().equalsIgnoreCase("RSASSA-PSS") ? RSA_PSS_SHA512 : RSA_V1_5_SHA256);
        }
        if (key instanceof ECKey) {
            return Optional.of(ECDSA_P256_SHA256);
        }
        if (key instanceof EdECKey || key.getAlgorithm().equalsIgnoreCase("Ed25519")) {
            return Optional.of(ED25519);
        }
        return Optional.empty();
    }

    /** Whether {@code key} is of the kind this algorithm uses (private or public half, or a secret). */
    public boolean accepts(Key key) {
        switch (this) {
            case RSA_V1_5_SHA256:
            case RSA_PSS_SHA512:
                return key instanceof RSAKey && (key instanceof PublicKey || key instanceof PrivateKey);
            case ECDSA_P256_SHA256:
                return key instanceof ECKey
                        && ((ECKey) key).getParams().getCurve().getField().getFieldSize() == 256;
            case ED25519:
                return (key instanceof PublicKey || key instanceof PrivateKey)
                        && (key instanceof EdECKey || key.getAlgorithm().equalsIgnoreCase("Ed25519"));
            case HMAC_SHA256:
                return key instanceof SecretKey;
            default:
                return false;
        }
    }

    /**
     * Signs {@code data}.
     *
     * @param key a private key of this algorithm's kind, or the shared secret for HMAC
     * @throws IllegalArgumentException if the key is not of this algorithm's kind
     * @throws SignatureFailure if the provider fails
     */
    public byte[] sign(Key key, byte[] data) {
        requireKind(key, true);
        try {
            if (this == HMAC_SHA256) {
                return hmac((SecretKey) key, data);
            }
            if (this == RSA_V1_5_SHA256) {
                return CryptoProviders.signRsaSha256((PrivateKey) key, data);
            }
            Signature signature = signatureObject();
            signature.initSign((PrivateKey) key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new SignatureFailure(rfc9421Name + " signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies {@code signature} over {@code data}: {@code false} for a wrong or malformed signature.
     *
     * @param key a public key of this algorithm's kind, or the shared secret for HMAC
     * @throws IllegalArgumentException if the key is not of this algorithm's kind
     */
    public boolean verify(Key key, byte[] data, byte[] signature) {
        requireKind(key, false);
        try {
            if (this == HMAC_SHA256) {
                return MessageDigest.isEqual(hmac((SecretKey) key, data), signature);
            }
            Signature verifier = signatureObject();
            verifier.initVerify((PublicKey) key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed signature (wrong length, bad encoding) is a failed verification, not an error.
            return false;
        }
    }

    private void requireKind(Key key, boolean signing) {
        if (key == null || !accepts(key)) {
            throw new IllegalArgumentException(
                    "key " + (key == null ? "null" : key.getAlgorithm()) + " cannot be used with " + rfc9421Name);
        }
        if (this != HMAC_SHA256 && signing != (key instanceof PrivateKey)) {
            throw new IllegalArgumentException(
                    rfc9421Name + (signing ? " signing needs a private key" : " verification needs a public key"));
        }
    }

    private Signature signatureObject() throws GeneralSecurityException {
        switch (this) {
            case RSA_V1_5_SHA256:
                return CryptoProviders.rsaSha256();
            case RSA_PSS_SHA512:
                Signature pss = CryptoProviders.newSignature("RSASSA-PSS");
                try {
                    pss.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
                } catch (InvalidAlgorithmParameterException e) {
                    throw new IllegalStateException("RSASSA-PSS parameters refused", e);
                }
                return pss;
            case ECDSA_P256_SHA256:
                return Signature.getInstance("SHA256withECDSAinP1363Format");
            case ED25519:
                return Signature.getInstance("Ed25519");
            default:
                throw new IllegalStateException("no signature object for " + this);
        }
    }

    private static byte[] hmac(SecretKey key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Override
    public String toString() {
        return rfc9421Name.toLowerCase(Locale.ROOT);
    }

    /** A signing operation failed inside the JCA provider (not a verification failure). */
    public static final class SignatureFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SignatureFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
