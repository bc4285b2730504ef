package dev.herald.signatures;

import java.security.Key;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/** The RFC 9421 test keys (Appendix B.1) and simple resolvers over them. */
final class TestKeys {
    private TestKeys() {}

    static PublicKey publicKey(String name) {
        return Pem.readPublicKey(Vectors.read("rfc9421/keys/" + name + ".pub.pem"));
    }

    static Key privateKey(String name) {
        if (name.equals("test-shared-secret")) {
            return sharedSecret();
        }
        return Pem.readPrivateKey(Vectors.read("rfc9421/keys/" + name + ".priv.pem"));
    }

    static SecretKeySpec sharedSecret() {
        byte[] secret = Base64.getDecoder()
                .decode(Vectors.read("rfc9421/keys/test-shared-secret.b64.txt").strip());
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Resolves the RFC's key ids to their public keys (and the shared secret). */
    static KeyResolver rfcKeys() {
        return keyId -> {
            if (keyId.equals("test-shared-secret")) {
                return Optional.of(VerificationKey.of(keyId, sharedSecret()));
            }
            if (!keyId.matches("test-key-(rsa|rsa-pss|ecc-p256|ed25519)")) {
                return Optional.empty();
            }
            VerificationKey key = VerificationKey.of(keyId, publicKey(keyId));
            // The RSA-PSS key's public half is an ordinary RSA key: the RFC pins it to rsa-pss-sha512.
            return Optional.of(
                    keyId.equals("test-key-rsa-pss") ? key.withAlgorithm(SignatureAlgorithm.RSA_PSS_SHA512) : key);
        };
    }

    static KeyResolver fixed(Map<String, VerificationKey> keys) {
        return keyId -> Optional.ofNullable(keys.get(keyId));
    }
}
