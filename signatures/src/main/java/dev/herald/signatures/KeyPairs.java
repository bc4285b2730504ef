package dev.herald.signatures;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Generates the key pairs an actor signs with, and recovers a public key from a stored private key.
 *
 * <p>Generation uses the highest-priority provider for each algorithm and its default {@code
 * SecureRandom}. RSA keys have at least 2048 bits: what Mastodon generates, and the least any
 * server should accept today. Stateless and thread-safe.
 */
public final class KeyPairs {
    /** The smallest RSA modulus {@link #rsa(int)} generates. */
    public static final int MIN_RSA_BITS = 2048;

    /** The largest RSA modulus {@link #rsa(int)} generates; the JDK refuses larger public keys. */
    public static final int MAX_RSA_BITS = 16384;

    private KeyPairs() {}

    /** A new RSA key pair with a 2048-bit modulus and exponent 65537, as Mastodon generates. */
    public static KeyPair rsa2048() {
        return rsa(MIN_RSA_BITS);
    }

    /**
     * A new RSA key pair with a {@code bits}-bit modulus and exponent 65537.
     *
     * @throws IllegalArgumentException if {@code bits} is below {@value #MIN_RSA_BITS} or above
     *     {@value #MAX_RSA_BITS}
     */
    public static KeyPair rsa(int bits) {
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
            throw new IllegalArgumentException(
                    "bits must be between " + MIN_RSA_BITS + " and " + MAX_RSA_BITS + ", was " + bits);
        }
        return generate("RSA", new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
    }

    /** A new Ed25519 key pair. */
    public static KeyPair ed25519() {
        return generate("Ed25519", null);
    }

    /** A new ECDSA key pair on NIST P-256 (secp256r1), the curve of RFC 9421's ecdsa-p256-sha256. */
    public static KeyPair ecP256() {
        return generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    /**
     * The public key that belongs to {@code privateKey}, for when only the private PEM is stored.
     *
     * <p>Supports RSA and RSASSA-PSS keys with CRT parameters (every PKCS#1 and PKCS#8 RSA key; the
     * public exponent is part of them), Ed25519 keys, and EC keys on a named curve. The result comes
     * from the default provider's {@link KeyFactory}, like {@link Pem}'s.
     *
     * @throws IllegalArgumentException if {@code privateKey} is null, an RSA key without CRT
     *     parameters, of another algorithm, or not extractable
     */
    public static PublicKey publicKeyOf(PrivateKey privateKey) {
        if (privateKey == null) {
            throw new IllegalArgumentException("privateKey must not be null");
        }
        if (privateKey instanceof RSAPrivateCrtKey) {
            return rsaPublicKeyOf((RSAPrivateCrtKey) privateKey);
        }
        if (privateKey instanceof RSAPrivateKey) {
            throw new IllegalArgumentException(
                    "privateKey is an RSA key without CRT parameters, so its public exponent is unknown");
        }
        byte[] pkcs8 = privateKey.getEncoded();
        if (pkcs8 == null || !"PKCS#8".equals(privateKey.getFormat())) {
            throw new IllegalArgumentException(
                    "privateKey has no PKCS#8 encoding, so its public key cannot be derived");
        }
        ASN1ObjectIdentifier algorithm = privateKeyAlgorithm(pkcs8);
        if (!algorithm.equals(Pem.ED25519) && !algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            throw new IllegalArgumentException(
                    "unsupported privateKey algorithm for publicKeyOf: " + privateKey.getAlgorithm());
        }
        SubjectPublicKeyInfo publicKey;
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
            byte[] encoded = algorithm.equals(Pem.ED25519) ? ed25519PublicKey(info) : ecPublicPoint(info);
            publicKey = new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), encoded);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "privateKey has an unreadable " + privateKey.getAlgorithm() + " encoding", e);
        }
        return Pem.toPublicKey(publicKey, "derived public key");
    }

    private static ASN1ObjectIdentifier privateKeyAlgorithm(byte[] pkcs8) {
        try {
            return PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("privateKey has an unreadable PKCS#8 encoding", e);
        }
    }

    private static PublicKey rsaPublicKeyOf(RSAPrivateCrtKey key) {
        BigInteger modulus = key.getModulus();
        BigInteger exponent = key.getPublicExponent();
        AlgorithmParameterSpec params = key.getParams();
        RSAPublicKeySpec spec = params == null
                ? new RSAPublicKeySpec(modulus, exponent)
                : new RSAPublicKeySpec(modulus, exponent, params);
        try {
            return KeyFactory.getInstance(key.getAlgorithm()).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "privateKey has RSA parameters the " + key.getAlgorithm() + " KeyFactory refuses", e);
        }
    }

    // RFC 8410 §7: the private key is CurvePrivateKey ::= OCTET STRING (32 bytes for Ed25519).
    private static byte[] ed25519PublicKey(PrivateKeyInfo info) throws IOException {
        byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IOException("Ed25519 private key is not 32 bytes");
        }
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    // Q = d·G on the named curve, as the uncompressed point an SPKI carries.
    private static byte[] ecPublicPoint(PrivateKeyInfo info) throws IOException {
        ASN1ObjectIdentifier curve =
                ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
        X9ECParameters params = ECNamedCurveTable.getByOID(curve);
        if (params == null) {
            throw new IOException("unknown curve " + curve.getId());
        }
        BigInteger d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
        // The fixed-point comb multiplier is the one Bouncy Castle generates keys with: regular in d.
        ECPoint q = new FixedPointCombMultiplier().multiply(params.getG(), d).normalize();
        return q.getEncoded(false);
    }

    private static KeyPair generate(String algorithm, AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no security provider can generate " + algorithm + " keys", e);
        }
    }
}
