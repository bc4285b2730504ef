package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPrivateKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyPairsTest {
    // FIPS 186-4 D.1.2.3: the order of P-256's base point.
    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    @Test
    void generatesRsa2048WithExponent65537() {
        KeyPair pair = KeyPairs.rsa2048();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();

        assertThat(pair.getPrivate().getAlgorithm()).isEqualTo("RSA");
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);
        assertThat(publicKey.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    }

    @Test
    void generatesLargerRsaKeys() {
        assertThat(((RSAPublicKey) KeyPairs.rsa(3072).getPublic()).getModulus().bitLength())
                .isEqualTo(3072);
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 2047, 0, -1, 16385})
    void refusesRsaSizesOutsideTheSafeRange(int bits) {
        assertThatThrownBy(() -> KeyPairs.rsa(bits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bits must be between 2048 and 16384, was " + bits);
    }

    @Test
    void generatesEd25519() {
        KeyPair pair = KeyPairs.ed25519();

        assertThat(((EdECPublicKey) pair.getPublic()).getParams().getName()).isEqualTo("Ed25519");
        assertThat(pair.getPublic().getEncoded()).hasSize(44); // 12-byte SPKI prefix + 32-byte key
    }

    @Test
    void generatesEcOnP256() {
        ECPublicKey publicKey = (ECPublicKey) KeyPairs.ecP256().getPublic();

        assertThat(publicKey.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(publicKey.getParams().getOrder()).isEqualTo(P256_ORDER);
    }

    @Test
    void generatesADifferentKeyEachTime() {
        assertThat(KeyPairs.ed25519().getPublic())
                .isNotEqualTo(KeyPairs.ed25519().getPublic());
    }

    @Test
    void recoversThePublicKeyOfEachGeneratedAlgorithm() {
        for (KeyPair pair : new KeyPair[] {KeyPairs.rsa2048(), KeyPairs.ed25519(), KeyPairs.ecP256()}) {
            assertThat(KeyPairs.publicKeyOf(pair.getPrivate()).getEncoded())
                    .as(pair.getPrivate().getAlgorithm())
                    .isEqualTo(pair.getPublic().getEncoded());
        }
    }

    @Test
    void recoversAnRsassaPssPublicKeyOfTheSameAlgorithm() {
        PrivateKey pss = Pem.readPrivateKey(Vectors.read("rfc9421/keys/test-key-rsa-pss.priv.pem"));

        assertThat(KeyPairs.publicKeyOf(pss).getAlgorithm()).isEqualTo("RSASSA-PSS");
        PemTest.assertSameKey(
                KeyPairs.publicKeyOf(pss), Pem.readPublicKey(Vectors.read("rfc9421/keys/test-key-rsa-pss.pub.pem")));
    }

    @Test
    void recoversTheP384PublicKeyToo() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = generator.generateKeyPair();

        assertThat(KeyPairs.publicKeyOf(pair.getPrivate()).getEncoded())
                .isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void refusesAnRsaKeyWithoutCrtParameters() throws GeneralSecurityException {
        RSAPrivateKey crt = (RSAPrivateKey) KeyPairs.rsa2048().getPrivate();
        PrivateKey bare = KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));

        assertThatThrownBy(() -> KeyPairs.publicKeyOf(bare))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("privateKey is an RSA key without CRT parameters, so its public exponent is unknown");
    }

    @Test
    void refusesOtherAlgorithms() throws GeneralSecurityException {
        PrivateKey x25519 =
                KeyPairGenerator.getInstance("X25519").generateKeyPair().getPrivate();

        assertThatThrownBy(() -> KeyPairs.publicKeyOf(x25519))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported privateKey algorithm for publicKeyOf: XDH");
    }

    @Test
    void refusesAKeyThatCannotBeExported() {
        PrivateKey opaque = new PrivateKey() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        };

        assertThatThrownBy(() -> KeyPairs.publicKeyOf(opaque))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("privateKey has no PKCS#8 encoding, so its public key cannot be derived");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> KeyPairs.publicKeyOf(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("privateKey must not be null");
    }
}
