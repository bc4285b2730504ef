package dev.herald.signatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads and writes keys as PEM text: actors' {@code publicKeyPem}, and the private keys a server
 * stores.
 *
 * <p>Reading accepts {@code PUBLIC KEY} (SPKI), {@code RSA PUBLIC KEY} (PKCS#1), {@code PRIVATE KEY}
 * (PKCS#8, including RSASSA-PSS keys with the rsassaPss OID 1.2.840.113549.1.1.10, EC and Ed25519),
 * {@code RSA PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY} (SEC1). Fediverse servers are lax
 * about layout, so the first PEM block in the text is read wherever it sits: surrounding text and
 * whitespace, CRLF line ends, indentation, spaces instead of line breaks (as some Mastodon actor
 * documents have), and JSON-style {@code \n} escapes inside the base64 are all tolerated. Encrypted
 * keys are not supported.
 *
 * <p>Keys are returned by the {@link KeyFactory} of the highest-priority provider for their
 * algorithm ({@code RSA}, {@code RSASSA-PSS}, {@code EC}, {@code Ed25519}), normally the JDK's, so
 * they work with the JDK's {@code Signature} implementations and with Conscrypt; Bouncy Castle only
 * parses the ASN.1. Input longer than {@link #MAX_LENGTH} characters is refused before any parsing.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message says what was wrong (for
 * example {@code not a PEM document}, {@code unsupported PEM type: CERTIFICATE}, {@code malformed
 * RSA PUBLIC KEY}) and never contains key material.
 *
 * <p>Stateless and thread-safe.
 */
public final class Pem {
    /**
     * The longest PEM text read, in characters: 64 KiB, several times the size of a 16384-bit RSA
     * private key. Actor documents are attacker-controlled, so the bound comes before any parsing.
     */
    public static final int MAX_LENGTH = 64 * 1024;

    // RFC 8410 §3
    static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private static final String PUBLIC_KEY = "PUBLIC KEY";
    private static final String RSA_PUBLIC_KEY = "RSA PUBLIC KEY";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
    private static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    private static final Set<String> PUBLIC_TYPES = Set.of(PUBLIC_KEY, RSA_PUBLIC_KEY);
    private static final Set<String> PRIVATE_TYPES = Set.of(PRIVATE_KEY, RSA_PRIVATE_KEY, EC_PRIVATE_KEY);

    private static final AlgorithmIdentifier RSA_ENCRYPTION =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
    private static final Map<ASN1ObjectIdentifier, String> KEY_FACTORIES = Map.of(
            PKCSObjectIdentifiers.rsaEncryption,
            "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS,
            "RSASSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey,
            "EC",
            ED25519,
            "Ed25519");

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final int MAX_TYPE_LENGTH = 40;

    private Pem() {}

    /**
     * Reads the public key in the first PEM block of {@code pem}: {@code PUBLIC KEY} (SPKI) or {@code
     * RSA PUBLIC KEY} (PKCS#1).
     *
     * @throws IllegalArgumentException if {@code pem} is null, too long, not PEM, of another type
     *     (a private key, a certificate), malformed, or for an unsupported algorithm
     */
    public static PublicKey readPublicKey(String pem) {
        Block block = Block.read(pem, PUBLIC_TYPES, PRIVATE_TYPES, "a public key");
        SubjectPublicKeyInfo info;
        try {
            ASN1Primitive der = parseDer(block);
            info = block.type.equals(RSA_PUBLIC_KEY)
                    ? new SubjectPublicKeyInfo(RSA_ENCRYPTION, RSAPublicKey.getInstance(der))
                    : SubjectPublicKeyInfo.getInstance(der);
        } catch (IOException | RuntimeException e) {
            throw malformed(block.type, e);
        }
        return toPublicKey(info, block.type);
    }

    /**
     * Reads the private key in the first PEM block of {@code pem}: {@code PRIVATE KEY} (PKCS#8),
     * {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1, with a named curve).
     *
     * <p>A PKCS#8 key whose algorithm is rsassaPss becomes an {@code RSASSA-PSS} key; the other RSA
     * forms become {@code RSA} keys.
     *
     * @throws IllegalArgumentException if {@code pem} is null, too long, not PEM, of another type
     *     (a public key, an encrypted key), malformed, or for an unsupported algorithm
     */
    public static PrivateKey readPrivateKey(String pem) {
        Block block = Block.read(pem, PRIVATE_TYPES, PUBLIC_TYPES, "a private key");
        PrivateKeyInfo info;
        try {
            ASN1Primitive der = parseDer(block);
            switch (block.type) {
                case RSA_PRIVATE_KEY:
                    info = new PrivateKeyInfo(
                            RSA_ENCRYPTION, org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der));
                    break;
                case EC_PRIVATE_KEY:
                    info = sec1ToPkcs8(ECPrivateKey.getInstance(der));
                    break;
                default:
                    info = PrivateKeyInfo.getInstance(der);
            }
        } catch (IOException | RuntimeException e) {
            throw malformed(block.type, e);
        }
        return toPrivateKey(info, block.type);
    }

    /**
     * Writes {@code key} as a {@code PUBLIC KEY} (SPKI) block: 64-character base64 lines, LF line
     * ends and a trailing LF, exactly as Mastodon publishes {@code publicKeyPem}.
     *
     * @throws IllegalArgumentException if {@code key} is null or has no X.509 encoding
     */
    public static String write(PublicKey key) {
        return format(PUBLIC_KEY, encoded(key, "X.509", "key"));
    }

    /**
     * Writes {@code key} as a {@code PRIVATE KEY} (PKCS#8) block, laid out like {@link
     * #write(PublicKey)}.
     *
     * @throws IllegalArgumentException if {@code key} is null or has no PKCS#8 encoding (a key held
     *     in a hardware token)
     */
    public static String write(PrivateKey key) {
        return format(PRIVATE_KEY, encoded(key, "PKCS#8", "key"));
    }

    /**
     * Writes an RSA {@code key} as a PKCS#1 {@code RSA PRIVATE KEY} block, the form Mastodon stores.
     * PKCS#1 carries no algorithm identifier, so an RSASSA-PSS key reads back as a plain RSA key.
     *
     * @throws IllegalArgumentException if {@code key} is null, not RSA, or has no PKCS#8 encoding
     */
    public static String writePkcs1(PrivateKey key) {
        if (key != null && !(key instanceof RSAPrivateKey)) {
            throw new IllegalArgumentException("key must be an RSA key, was " + key.getAlgorithm());
        }
        byte[] pkcs8 = encoded(key, "PKCS#8", "key");
        try {
            return format(
                    RSA_PRIVATE_KEY,
                    PrivateKeyInfo.getInstance(pkcs8)
                            .parsePrivateKey()
                            .toASN1Primitive()
                            .getEncoded(ASN1Encoding.DER));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("key has an unreadable PKCS#8 encoding", e);
        }
    }

    /** Converts SPKI to a key of the default provider; shared with {@link KeyPairs#publicKeyOf}. */
    static PublicKey toPublicKey(SubjectPublicKeyInfo info, String what) {
        String algorithm = keyFactoryName(info.getAlgorithm(), what);
        try {
            byte[] der = info.getEncoded(ASN1Encoding.DER);
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException | InvalidKeySpecException | RuntimeException e) {
            throw malformed(what, e);
        } catch (NoSuchAlgorithmException e) {
            throw unavailable(algorithm, e);
        }
    }

    private static PrivateKey toPrivateKey(PrivateKeyInfo info, String what) {
        String algorithm = keyFactoryName(info.getPrivateKeyAlgorithm(), what);
        try {
            byte[] der = info.getEncoded(ASN1Encoding.DER);
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | InvalidKeySpecException | RuntimeException e) {
            throw malformed(what, e);
        } catch (NoSuchAlgorithmException e) {
            throw unavailable(algorithm, e);
        }
    }

    private static String keyFactoryName(AlgorithmIdentifier algorithm, String what) {
        String name = KEY_FACTORIES.get(algorithm.getAlgorithm());
        if (name == null) {
            throw new IllegalArgumentException("unsupported key algorithm in " + what + ": "
                    + algorithm.getAlgorithm().getId());
        }
        return name;
    }

    // RFC 5915 §3: the curve sits inside the SEC1 structure; PKCS#8 wants it in the algorithm.
    private static PrivateKeyInfo sec1ToPkcs8(ECPrivateKey sec1) throws IOException {
        ASN1Encodable curve = sec1.getParametersObject();
        if (curve == null) {
            throw new IOException("no curve parameters");
        }
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1);
    }

    private static ASN1Primitive parseDer(Block block) throws IOException {
        ASN1Primitive der = ASN1Primitive.fromByteArray(block.der);
        if (der == null) {
            throw new IOException("empty");
        }
        return der;
    }

    private static byte[] encoded(java.security.Key key, String format, String name) {
        if (key == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        byte[] encoded = key.getEncoded();
        if (encoded == null || !format.equals(key.getFormat())) {
            throw new IllegalArgumentException(name + " has no " + format + " encoding (format " + key.getFormat()
                    + "); a key that cannot leave its provider cannot be written as PEM");
        }
        return encoded;
    }

    private static String format(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return BEGIN + type + DASHES + "\n" + base64 + "\n" + END + type + DASHES + "\n";
    }

    // Causes come from ASN.1 and key-spec parsers; their messages describe structure, not key bytes.
    private static IllegalArgumentException malformed(String type, Exception cause) {
        return new IllegalArgumentException("malformed " + type, cause);
    }

    private static IllegalStateException unavailable(String algorithm, NoSuchAlgorithmException cause) {
        return new IllegalStateException("no security provider offers a " + algorithm + " KeyFactory", cause);
    }

    /** The type and decoded body of the first PEM block in a text (RFC 7468). */
    private static final class Block {
        final String type;
        final byte[] der;

        private Block(String type, byte[] der) {
            this.type = type;
            this.der = der;
        }

        static Block read(String pem, Set<String> accepted, Set<String> otherKind, String expected) {
            if (pem == null) {
                throw new IllegalArgumentException("pem must not be null");
            }
            if (pem.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("pem is longer than " + MAX_LENGTH + " characters");
            }
            int begin = pem.indexOf(BEGIN);
            int typeEnd = begin < 0 ? -1 : pem.indexOf(DASHES, begin + BEGIN.length());
            if (typeEnd < 0 || typeEnd - begin - BEGIN.length() > MAX_TYPE_LENGTH) {
                throw new IllegalArgumentException("not a PEM document");
            }
            String type = pem.substring(begin + BEGIN.length(), typeEnd);
            if (!type.matches("[A-Z0-9]+( [A-Z0-9]+)*")) {
                throw new IllegalArgumentException("not a PEM document");
            }
            if (!accepted.contains(type)) {
                String hint = otherKind.contains(type) ? " (expected " + expected + ")" : "";
                throw new IllegalArgumentException("unsupported PEM type: " + type + hint);
            }
            int bodyStart = typeEnd + DASHES.length();
            int end = pem.indexOf(END + type + DASHES, bodyStart);
            if (end < 0) {
                boolean otherEnd = pem.indexOf(END, bodyStart) >= 0;
                throw new IllegalArgumentException(
                        otherEnd
                                ? "malformed " + type + ": END line does not match"
                                : "truncated " + type + ": no END line");
            }
            return new Block(type, decode(pem.substring(bodyStart, end), type));
        }

        private static byte[] decode(String body, String type) {
            if (body.indexOf(':') >= 0) {
                // RFC 1421 headers such as "Proc-Type: 4,ENCRYPTED".
                throw new IllegalArgumentException(
                        "unsupported PEM headers in " + type + " (encrypted keys are not supported)");
            }
            StringBuilder base64 = new StringBuilder(body.length());
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == 'n' || body.charAt(i + 1) == 'r')) {
                    i++; // a JSON- or shell-escaped line break left in the text
                } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    base64.append(c);
                }
            }
            if (base64.length() == 0) {
                throw new IllegalArgumentException("malformed " + type + ": empty body");
            }
            try {
                return Base64.getDecoder().decode(base64.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed " + type + ": invalid base64");
            }
        }
    }
}
