package dev.herald.signatures;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {
    private static final byte[] MESSAGE = "POST /inbox\nhost: example.com".getBytes(UTF_8);
    private static final String ED25519_PUBLIC = Vectors.read("rfc9421/keys/test-key-ed25519.pub.pem");

    /** A private key file, the public key file it belongs to, and how RFC 9421 signs with it. */
    private enum VectorPair {
        RSA("rfc9421/keys/test-key-rsa.priv.pem", "rfc9421/keys/test-key-rsa.pub.pem", "SHA256withRSA"),
        RSA_PSS("rfc9421/keys/test-key-rsa-pss.priv.pem", "rfc9421/keys/test-key-rsa-pss.pub.pem", "RSASSA-PSS"),
        ECC_P256(
                "rfc9421/keys/test-key-ecc-p256.priv.pem", "rfc9421/keys/test-key-ecc-p256.pub.pem", "SHA256withECDSA"),
        ED25519("rfc9421/keys/test-key-ed25519.priv.pem", "rfc9421/keys/test-key-ed25519.pub.pem", "Ed25519"),
        RSA_PKCS8(
                "rfc9421/keys-java-friendly/test-key-rsa.priv.pkcs8.pem",
                "rfc9421/keys-java-friendly/test-key-rsa.pub.spki.pem",
                "SHA256withRSA"),
        RSA_PSS_AS_RSA_ENCRYPTION(
                "rfc9421/keys-java-friendly/test-key-rsa-pss.priv.rsaEncryption.pkcs8.pem",
                "rfc9421/keys/test-key-rsa-pss.pub.pem",
                "RSASSA-PSS"),
        ECC_P256_PKCS8(
                "rfc9421/keys-java-friendly/test-key-ecc-p256.priv.pkcs8.pem",
                "rfc9421/keys/test-key-ecc-p256.pub.pem",
                "SHA256withECDSA"),
        CAVAGE("cavage12/cavage-test-key.priv.pem", "cavage12/cavage-test-key.pub.pem", "SHA256withRSA");

        final String privateFile;
        final String publicFile;
        final String signatureAlgorithm;

        VectorPair(String privateFile, String publicFile, String signatureAlgorithm) {
            this.privateFile = privateFile;
            this.publicFile = publicFile;
            this.signatureAlgorithm = signatureAlgorithm;
        }
    }

    @Nested
    class VectorKeys {
        @TestFactory
        Stream<DynamicTest> everyVectorPemFileReads() throws IOException {
            Map<String, String> expectedAlgorithms = new TreeMap<>(Map.ofEntries(
                    Map.entry("cavage12/cavage-test-key.priv.pem", "RSA"),
                    Map.entry("cavage12/cavage-test-key.pub.pem", "RSA"),
                    Map.entry("rfc9421/keys/test-key-ecc-p256.priv.pem", "EC"),
                    Map.entry("rfc9421/keys/test-key-ecc-p256.pub.pem", "EC"),
                    Map.entry("rfc9421/keys/test-key-ed25519.priv.pem", "EdDSA"),
                    Map.entry("rfc9421/keys/test-key-ed25519.pub.pem", "EdDSA"),
                    Map.entry("rfc9421/keys/test-key-rsa-pss.priv.pem", "RSASSA-PSS"),
                    Map.entry("rfc9421/keys/test-key-rsa-pss.pub.pem", "RSA"),
                    Map.entry("rfc9421/keys/test-key-rsa.priv.pem", "RSA"),
                    Map.entry("rfc9421/keys/test-key-rsa.pub.pem", "RSA"),
                    Map.entry("rfc9421/keys-java-friendly/test-key-ecc-p256.priv.pkcs8.pem", "EC"),
                    Map.entry("rfc9421/keys-java-friendly/test-key-rsa-pss.priv.rsaEncryption.pkcs8.pem", "RSA"),
                    Map.entry("rfc9421/keys-java-friendly/test-key-rsa.priv.pkcs8.pem", "RSA"),
                    Map.entry("rfc9421/keys-java-friendly/test-key-rsa.pub.spki.pem", "RSA")));
            List<String> files = new ArrayList<>();
            for (String folder : List.of("rfc9421/keys", "rfc9421/keys-java-friendly", "cavage12")) {
                try (DirectoryStream<Path> pems =
                        Files.newDirectoryStream(Vectors.root().resolve(folder), "*.pem")) {
                    pems.forEach(pem -> files.add(folder + "/" + pem.getFileName()));
                }
            }
            assertThat(files).containsExactlyInAnyOrderElementsOf(expectedAlgorithms.keySet());

            return expectedAlgorithms.entrySet().stream()
                    .map(file -> dynamicTest(file.getKey(), () -> {
                        String pem = Vectors.read(file.getKey());
                        String algorithm = file.getKey().contains(".priv.")
                                ? Pem.readPrivateKey(pem).getAlgorithm()
                                : Pem.readPublicKey(pem).getAlgorithm();
                        assertThat(algorithm).isEqualTo(file.getValue());
                    }));
        }

        @TestFactory
        Stream<DynamicTest> eachPrivateKeyBelongsToItsPublicKeyAndSigns() {
            return Arrays.stream(VectorPair.values())
                    .map(pair -> dynamicTest(pair.name(), () -> {
                        PrivateKey privateKey = Pem.readPrivateKey(Vectors.read(pair.privateFile));
                        PublicKey publicKey = Pem.readPublicKey(Vectors.read(pair.publicFile));

                        assertSameKey(KeyPairs.publicKeyOf(privateKey), publicKey);
                        assertThat(verify(
                                        pair.signatureAlgorithm,
                                        publicKey,
                                        MESSAGE,
                                        sign(pair.signatureAlgorithm, privateKey, MESSAGE)))
                                .isTrue();
                    }));
        }

        @Test
        void theRsaTestKeyHasUnbalancedPrimesAndStillReads() {
            var key = (java.security.interfaces.RSAPrivateCrtKey)
                    Pem.readPrivateKey(Vectors.read("rfc9421/keys/test-key-rsa.priv.pem"));

            assertThat(key.getModulus().bitLength()).isEqualTo(2048);
            assertThat(key.getPrimeP().bitLength()).isEqualTo(1088);
            assertThat(key.getPrimeQ().bitLength()).isEqualTo(960);
        }

        @Test
        void theCavageTestKeyIs1024BitsDespiteTheDraftsProse() {
            RSAPublicKey key = (RSAPublicKey) Pem.readPublicKey(Vectors.read("cavage12/cavage-test-key.pub.pem"));

            assertThat(key.getModulus().bitLength()).isEqualTo(1024);
        }

        @TestFactory
        Stream<DynamicTest> keysHoldTheNumbersTheirJwkStates() {
            return Stream.of("test-key-rsa", "test-key-rsa-pss", "test-key-ecc-p256", "test-key-ed25519")
                    .map(name -> dynamicTest(name, () -> {
                        JsonObject jwk =
                                json("rfc9421/keys/" + name + ".jwk.json").asJsonObject();
                        PublicKey publicKey = Pem.readPublicKey(Vectors.read("rfc9421/keys/" + name + ".pub.pem"));
                        PrivateKey privateKey = Pem.readPrivateKey(Vectors.read("rfc9421/keys/" + name + ".priv.pem"));
                        switch (jwk.getString("kty")) {
                            case "RSA":
                                assertThat(((RSAPublicKey) publicKey).getModulus())
                                        .isEqualTo(jwkNumber(jwk, "n"));
                                assertThat(((RSAPublicKey) publicKey).getPublicExponent())
                                        .isEqualTo(jwkNumber(jwk, "e"));
                                assertThat(((RSAPrivateKey) privateKey).getPrivateExponent())
                                        .isEqualTo(jwkNumber(jwk, "d"));
                                break;
                            case "EC":
                                assertThat(((ECPublicKey) publicKey).getW().getAffineX())
                                        .isEqualTo(jwkNumber(jwk, "x"));
                                assertThat(((ECPublicKey) publicKey).getW().getAffineY())
                                        .isEqualTo(jwkNumber(jwk, "y"));
                                assertThat(((ECPrivateKey) privateKey).getS()).isEqualTo(jwkNumber(jwk, "d"));
                                break;
                            default: // OKP: raw little-endian bytes; the SPKI ends with them
                                byte[] spki = publicKey.getEncoded();
                                assertThat(Arrays.copyOfRange(spki, spki.length - 32, spki.length))
                                        .isEqualTo(jwkBytes(jwk, "x"));
                                assertThat(((EdECPrivateKey) privateKey).getBytes())
                                        .contains(jwkBytes(jwk, "d"));
                        }
                    }));
        }

        @TestFactory
        Stream<DynamicTest> publicKeysVerifyTheSignaturesPrintedInRfc9421() {
            JsonObject vectors = json("rfc9421/rfc9421-vectors.json").asJsonObject();
            Map<String, String> algorithms = Map.of(
                    "rsa-pss-sha512", "RSASSA-PSS",
                    "rsa-v1_5-sha256", "SHA256withRSA",
                    "ecdsa-p256-sha256", "SHA256withECDSAinP1363Format",
                    "ed25519", "Ed25519");
            List<JsonObject> asymmetric = vectors.getJsonArray("vectors").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(vector -> !vector.getString("alg").equals("hmac-sha256"))
                    .collect(Collectors.toList());
            assertThat(asymmetric).hasSize(13);

            return asymmetric.stream()
                    .map(vector -> dynamicTest(vector.getString("id"), () -> {
                        PublicKey key = Pem.readPublicKey(
                                Vectors.read("rfc9421/keys/" + vector.getString("keyid") + ".pub.pem"));
                        byte[] base = vector.getString("signature_base").getBytes(UTF_8);
                        byte[] signature = Base64.getDecoder().decode(vector.getString("signature_b64"));

                        assertThat(verify(algorithms.get(vector.getString("alg")), key, base, signature))
                                .isTrue();
                    }));
        }

        @TestFactory
        Stream<DynamicTest> theCavageKeyReproducesTheDraftsSignatures() {
            JsonObject vectors = json("cavage12/cavage12-vectors.json").asJsonObject();
            PrivateKey privateKey = Pem.readPrivateKey(Vectors.read("cavage12/cavage-test-key.priv.pem"));
            PublicKey publicKey = Pem.readPublicKey(Vectors.read("cavage12/cavage-test-key.pub.pem"));

            return vectors.getJsonArray("vectors").stream()
                    .map(JsonValue::asJsonObject)
                    .map(vector -> dynamicTest(vector.getString("id"), () -> {
                        // C.3 prints a header list its signature does not cover; the JSON keeps both.
                        String text = vector.containsKey("signing_string")
                                ? vector.getString("signing_string")
                                : vector.getString("signing_string_that_verifies");
                        byte[] signingString = text.getBytes(UTF_8);
                        byte[] signature = Base64.getDecoder().decode(vector.getString("signature_b64"));

                        assertThat(verify("SHA256withRSA", publicKey, signingString, signature))
                                .isTrue();
                        assertThat(sign("SHA256withRSA", privateKey, signingString))
                                .isEqualTo(signature);
                    }));
        }
    }

    @Nested
    class FediverseKeys {
        @TestFactory
        Stream<DynamicTest> everyActorPublicKeyPemReads() throws IOException {
            List<Path> objects;
            try (Stream<Path> files = Files.list(Vectors.root().resolve("objects"))) {
                objects = files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .collect(Collectors.toList());
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (Path object : objects) {
                List<String> pems = new ArrayList<>();
                collectPublicKeyPems(json("objects/" + object.getFileName()), pems);
                for (String pem : pems) {
                    tests.add(dynamicTest(object.getFileName().toString(), () -> {
                        RSAPublicKey key = (RSAPublicKey) Pem.readPublicKey(pem);
                        assertThat(key.getModulus().bitLength()).isGreaterThanOrEqualTo(2048);
                    }));
                }
            }
            assertThat(tests).hasSize(14);
            return tests.stream();
        }

        @Test
        void readsMastodonsPublicKeyPem() {
            String pem = publicKeyPem("objects/mastodon-person-emelie-mastodon.social.json");

            PublicKey key = Pem.readPublicKey(pem);

            assertThat(key.getAlgorithm()).isEqualTo("RSA");
            assertThat(Pem.write(key)).as("Mastodon's exact layout").isEqualTo(pem);
        }

        @Test
        void readsOeeeCafesPublicKeyPem() {
            String pem = publicKeyPem("objects/oeee.cafe-person-minimal.json");

            assertThat(((RSAPublicKey) Pem.readPublicKey(pem)).getModulus().bitLength())
                    .isEqualTo(2048);
        }

        @Test
        void readsAPublicKeyPemWhoseLineBreaksBecameSpaces() {
            String pem = publicKeyPem("objects/mastodon-person-activitypub.academy.json");
            assertThat(pem).doesNotContain("\n");

            assertThat(Pem.readPublicKey(pem).getAlgorithm()).isEqualTo("RSA");
        }

        @Test
        void readsMastodonsPkcs1PrivateKeyAndWritesItBackUnchanged() {
            JsonObject actor = json("fediverse-signatures/mastodon-signature-verification-vectors.json")
                    .asJsonObject()
                    .getJsonObject("actor");
            String privatePem = actor.getString("private_key_pem_pkcs1");
            String publicPem = actor.getString("public_key_pem");

            PrivateKey privateKey = Pem.readPrivateKey(privatePem);

            assertThat(Pem.writePkcs1(privateKey)).isEqualTo(privatePem);
            assertThat(Pem.write(KeyPairs.publicKeyOf(privateKey))).isEqualTo(publicPem);
        }

        private String publicKeyPem(String file) {
            return json(file).asJsonObject().getJsonObject("publicKey").getString("publicKeyPem");
        }

        private void collectPublicKeyPems(JsonValue value, List<String> pems) {
            if (value instanceof JsonObject) {
                ((JsonObject) value).forEach((name, member) -> {
                    if (name.equals("publicKeyPem")) {
                        pems.add(((JsonString) member).getString());
                    } else {
                        collectPublicKeyPems(member, pems);
                    }
                });
            } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
                value.asJsonArray().forEach(item -> collectPublicKeyPems(item, pems));
            }
        }
    }

    @Nested
    class Layout {
        @Test
        void toleratesCrlfIndentationAndSurroundingText() {
            String messy = "Bag Attributes\r\n" + ED25519_PUBLIC.replace("\n", "\r\n    ") + "\r\ntrailing words";

            assertThat(Pem.readPublicKey(messy).getEncoded())
                    .isEqualTo(Pem.readPublicKey(ED25519_PUBLIC).getEncoded());
        }

        @Test
        void toleratesEscapedLineBreaksAsInEnvironmentVariables() {
            String escaped = Vectors.read("rfc9421/keys/test-key-rsa.priv.pem").replace("\n", "\\n");

            assertThat(Pem.readPrivateKey(escaped).getAlgorithm()).isEqualTo("RSA");
        }

        @Test
        void toleratesBase64OnOneLine() {
            String pem = Vectors.read("cavage12/cavage-test-key.pub.pem");
            String header = "-----BEGIN PUBLIC KEY-----";
            String oneLine = header + "\n"
                    + pem.substring(header.length(), pem.indexOf("-----END")).replace("\n", "") + "\n"
                    + "-----END PUBLIC KEY-----";

            assertThat(Pem.readPublicKey(oneLine).getEncoded())
                    .isEqualTo(Pem.readPublicKey(pem).getEncoded());
        }

        @Test
        void readsTheFirstOfSeveralBlocks() {
            String both = ED25519_PUBLIC + Vectors.read("cavage12/cavage-test-key.pub.pem");

            assertThat(Pem.readPublicKey(both).getAlgorithm()).isEqualTo("EdDSA");
        }

        @Test
        void acceptsInputOfExactlyTheMaximumLength() {
            String padded = ED25519_PUBLIC + " ".repeat(Pem.MAX_LENGTH - ED25519_PUBLIC.length());

            assertThat(Pem.readPublicKey(padded).getAlgorithm()).isEqualTo("EdDSA");
        }

        @Test
        void writesSixtyFourCharacterLinesWithATrailingLineFeed() {
            String pem = Pem.write(KeyPairs.rsa2048().getPublic());
            String[] lines = pem.split("\n", -1);

            assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
            assertThat(pem).doesNotContain("\r");
            assertThat(lines).hasSize(10); // BEGIN, 6 × 64, 1 × 8, END, "" after the final LF
            for (int i = 1; i < lines.length - 3; i++) {
                assertThat(lines[i]).hasSize(64);
            }
        }
    }

    @Nested
    class RoundTrips {
        @Test
        void rsa() throws GeneralSecurityException {
            KeyPair pair = KeyPairs.rsa2048();

            assertRoundTrips(pair, "SHA256withRSA");
            assertThat(Pem.readPrivateKey(Pem.writePkcs1(pair.getPrivate())).getEncoded())
                    .isEqualTo(pair.getPrivate().getEncoded());
            assertThat(Pem.writePkcs1(pair.getPrivate())).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        }

        @Test
        void ed25519() throws GeneralSecurityException {
            assertRoundTrips(KeyPairs.ed25519(), "Ed25519");
        }

        @Test
        void ecP256() throws GeneralSecurityException {
            assertRoundTrips(KeyPairs.ecP256(), "SHA256withECDSA");
        }

        @Test
        void rsaPssKeepsItsAlgorithm() {
            PrivateKey pss = Pem.readPrivateKey(Vectors.read("rfc9421/keys/test-key-rsa-pss.priv.pem"));

            PrivateKey again = Pem.readPrivateKey(Pem.write(pss));

            assertThat(again.getAlgorithm()).isEqualTo("RSASSA-PSS");
            assertThat(again.getEncoded()).isEqualTo(pss.getEncoded());
            assertThat(Pem.readPrivateKey(Pem.writePkcs1(pss)).getAlgorithm()).isEqualTo("RSA");
        }

        private void assertRoundTrips(KeyPair pair, String signatureAlgorithm) throws GeneralSecurityException {
            PublicKey publicKey = Pem.readPublicKey(Pem.write(pair.getPublic()));
            PrivateKey privateKey = Pem.readPrivateKey(Pem.write(pair.getPrivate()));

            assertThat(publicKey.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
            assertThat(privateKey.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
            assertThat(verify(signatureAlgorithm, publicKey, MESSAGE, sign(signatureAlgorithm, privateKey, MESSAGE)))
                    .isTrue();
        }
    }

    @Nested
    class Rejections {
        @ParameterizedTest
        @ValueSource(
                strings = {"", "garbage", "-----BEGIN ", "-----BEGIN public key-----\nAA==\n-----END public key-----"})
        void rejectsTextThatIsNotPem(String text) {
            assertThatThrownBy(() -> Pem.readPublicKey(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a PEM document");
        }

        @Test
        void rejectsACertificate() throws Exception {
            KeyPair pair = KeyPairs.ecP256();
            X500Name name = new X500Name("CN=Herald test");
            Date now = new Date();
            byte[] certificate = new JcaX509v3CertificateBuilder(
                            name, BigInteger.ONE, now, new Date(now.getTime() + 86_400_000L), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
                    .getEncoded();
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder().encodeToString(certificate) + "\n-----END CERTIFICATE-----\n";

            assertThatThrownBy(() -> Pem.readPublicKey(pem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unsupported PEM type: CERTIFICATE");
            assertThatThrownBy(() -> Pem.readPrivateKey(pem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unsupported PEM type: CERTIFICATE");
        }

        @Test
        void rejectsAKeyOfTheOtherKindSayingWhatWasExpected() {
            assertThatThrownBy(() -> Pem.readPublicKey(Vectors.read("rfc9421/keys/test-key-rsa.priv.pem")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unsupported PEM type: RSA PRIVATE KEY (expected a public key)");
            assertThatThrownBy(() -> Pem.readPrivateKey(ED25519_PUBLIC))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unsupported PEM type: PUBLIC KEY (expected a private key)");
        }

        @Test
        void rejectsEncryptedKeys() {
            String pkcs8Encrypted =
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n"
                            + "-----END ENCRYPTED PRIVATE KEY-----\n";
            String legacyEncrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                    + "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";

            assertThatThrownBy(() -> Pem.readPrivateKey(pkcs8Encrypted))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unsupported PEM type: ENCRYPTED PRIVATE KEY");
            assertThatThrownBy(() -> Pem.readPrivateKey(legacyEncrypted))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unsupported PEM headers in RSA PRIVATE KEY (encrypted keys are not supported)");
        }

        @Test
        void rejectsBase64CutShortWithoutLeakingIt() {
            String pem = Vectors.read("rfc9421/keys-java-friendly/test-key-rsa.pub.spki.pem");
            String base64 = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
            String cutToWholeQuads =
                    "-----BEGIN PUBLIC KEY-----\n" + base64.substring(0, 200) + "\n-----END PUBLIC KEY-----";
            String cutMidQuad =
                    "-----BEGIN PUBLIC KEY-----\n" + base64.substring(0, 201) + "\n-----END PUBLIC KEY-----";

            assertRejected(() -> Pem.readPublicKey(cutToWholeQuads), "malformed PUBLIC KEY", pem);
            assertRejected(() -> Pem.readPublicKey(cutMidQuad), "malformed PUBLIC KEY: invalid base64", pem);
        }

        @Test
        void rejectsTextCutBeforeTheEndLine() {
            String pem = Vectors.read("rfc9421/keys/test-key-rsa.priv.pem");

            assertRejected(
                    () -> Pem.readPrivateKey(pem.substring(0, pem.length() / 2)),
                    "truncated RSA PRIVATE KEY: no END line",
                    pem);
        }

        @Test
        void rejectsAnEndLineOfAnotherType() {
            String mismatched = ED25519_PUBLIC.replace("END PUBLIC KEY", "END RSA PUBLIC KEY");

            assertRejected(
                    () -> Pem.readPublicKey(mismatched),
                    "malformed PUBLIC KEY: END line does not match",
                    ED25519_PUBLIC);
        }

        @Test
        void rejectsInvalidBase64Characters() {
            String pem = ED25519_PUBLIC.replace("MCowBQYDK2Vw", "MCowBQYD*2Vw");

            assertRejected(() -> Pem.readPublicKey(pem), "malformed PUBLIC KEY: invalid base64", ED25519_PUBLIC);
        }

        @Test
        void rejectsAnEmptyBody() {
            assertRejected(
                    () -> Pem.readPublicKey("-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----\n"),
                    "malformed PUBLIC KEY: empty body",
                    "");
        }

        @Test
        void rejectsAnSpkiLabelledAsPkcs1() {
            String mislabelled = Vectors.read("rfc9421/keys-java-friendly/test-key-rsa.pub.spki.pem")
                    .replace("PUBLIC KEY", "RSA PUBLIC KEY");

            assertRejected(() -> Pem.readPublicKey(mislabelled), "malformed RSA PUBLIC KEY", mislabelled);
        }

        @Test
        void rejectsDerWithTrailingBytes() {
            byte[] der = Pem.readPublicKey(ED25519_PUBLIC).getEncoded();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getEncoder().encodeToString(Arrays.copyOf(der, der.length + 3))
                    + "\n-----END PUBLIC KEY-----\n";

            assertRejected(() -> Pem.readPublicKey(pem), "malformed PUBLIC KEY", ED25519_PUBLIC);
        }

        @Test
        void rejectsAnEcPrivateKeyWithoutItsCurve() throws IOException {
            var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, BigInteger.valueOf(12345));
            String pem = "-----BEGIN EC PRIVATE KEY-----\n"
                    + Base64.getEncoder().encodeToString(sec1.getEncoded()) + "\n-----END EC PRIVATE KEY-----\n";

            assertRejected(() -> Pem.readPrivateKey(pem), "malformed EC PRIVATE KEY", pem);
        }

        @Test
        void rejectsKeyAlgorithmsItCannotSignWith() throws GeneralSecurityException {
            KeyPair x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair();

            assertThatThrownBy(() -> Pem.readPublicKey(Pem.write(x25519.getPublic())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unsupported key algorithm in PUBLIC KEY: 1.3.101.110");
            assertThatThrownBy(() -> Pem.readPrivateKey(Pem.write(x25519.getPrivate())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unsupported key algorithm in PRIVATE KEY: 1.3.101.110");
        }

        @Test
        void rejectsOversizedInputBeforeParsing() {
            String huge = "-----BEGIN PUBLIC KEY-----\n" + "A".repeat(Pem.MAX_LENGTH) + "\n-----END PUBLIC KEY-----\n";

            assertThatThrownBy(() -> Pem.readPublicKey(huge))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pem is longer than 65536 characters");
            assertThatThrownBy(() -> Pem.readPrivateKey(huge))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pem is longer than 65536 characters");
        }

        @Test
        void rejectsNullNamingTheParameter() {
            assertThatThrownBy(() -> Pem.readPublicKey(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pem must not be null");
            assertThatThrownBy(() -> Pem.readPrivateKey(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pem must not be null");
            assertThatThrownBy(() -> Pem.write((PublicKey) null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("key must not be null");
            assertThatThrownBy(() -> Pem.write((PrivateKey) null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("key must not be null");
            assertThatThrownBy(() -> Pem.writePkcs1(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("key must not be null");
        }

        @Test
        void writesPkcs1OnlyForRsa() {
            assertThatThrownBy(() -> Pem.writePkcs1(KeyPairs.ed25519().getPrivate()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("key must be an RSA key, was EdDSA");
        }

        @Test
        void refusesToWriteAKeyWithoutAnEncoding() {
            PublicKey opaque = new PublicKey() {
                private static final long serialVersionUID = 1L;

                @Override
                public String getAlgorithm() {
                    return "RSA";
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

            assertThatThrownBy(() -> Pem.write(opaque))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("key has no X.509 encoding");
        }

        @Test
        void writesPkcs1ForAnRsaKeyWithoutCrtParameters() throws GeneralSecurityException {
            RSAPrivateKey crt = (RSAPrivateKey) KeyPairs.rsa2048().getPrivate();
            PrivateKey bare = KeyFactory.getInstance("RSA")
                    .generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));

            assertThat(((RSAPrivateKey) Pem.readPrivateKey(Pem.writePkcs1(bare))).getPrivateExponent())
                    .isEqualTo(crt.getPrivateExponent());
        }

        private void assertRejected(Runnable read, String message, String keyText) {
            assertThatThrownBy(read::run)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message)
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(base64Sample(keyText)));
        }

        // A 16-character run from the middle of the key's base64: no message or cause may repeat it.
        private String base64Sample(String pem) {
            String base64 = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
            return base64.length() < 48 ? "\u0000never" : base64.substring(32, 48);
        }

        private String stackTrace(Throwable e) {
            StringWriter out = new StringWriter();
            e.printStackTrace(new PrintWriter(out));
            return out.toString();
        }
    }

    static byte[] sign(String algorithm, PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signature = signature(algorithm);
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signed) throws GeneralSecurityException {
        Signature signature = signature(algorithm);
        signature.initVerify(key);
        signature.update(data);
        return signature.verify(signed);
    }

    private static Signature signature(String algorithm) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm);
        if (algorithm.equals("RSASSA-PSS")) {
            // RFC 9421 §3.3.1 rsa-pss-sha512
            signature.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
        }
        return signature;
    }

    static void assertSameKey(PublicKey actual, PublicKey expected) {
        if (expected instanceof RSAPublicKey) {
            // An RSASSA-PSS key and an rsaEncryption SPKI differ in encoding but not in numbers.
            assertThat(((RSAPublicKey) actual).getModulus()).isEqualTo(((RSAPublicKey) expected).getModulus());
            assertThat(((RSAPublicKey) actual).getPublicExponent())
                    .isEqualTo(((RSAPublicKey) expected).getPublicExponent());
        } else {
            assertThat(actual.getEncoded()).isEqualTo(expected.getEncoded());
        }
    }

    static JsonStructure json(String file) {
        try (JsonReader reader = Json.createReader(new StringReader(Vectors.read(file)))) {
            return reader.read();
        }
    }

    private static BigInteger jwkNumber(JsonObject jwk, String member) {
        return new BigInteger(1, jwkBytes(jwk, member));
    }

    private static byte[] jwkBytes(JsonObject jwk, String member) {
        return Base64.getUrlDecoder().decode(jwk.getString(member));
    }
}
