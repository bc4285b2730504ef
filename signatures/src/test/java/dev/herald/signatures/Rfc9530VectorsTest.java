package dev.herald.signatures;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.herald.signatures.DigestCheck.Outcome;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** RFC 9530 (Digest Fields) examples from {@code rfc9530/rfc9530-digest-vectors.json}. */
class Rfc9530VectorsTest {
    private static final JsonObject VECTORS = read();

    private static JsonObject read() {
        try (JsonReader reader =
                Json.createReader(new StringReader(Vectors.read("rfc9530/rfc9530-digest-vectors.json")))) {
            return reader.readObject();
        }
    }

    private static byte[] body(String id) {
        return HexFormat.of()
                .parseHex(VECTORS.getJsonObject("bodies").getJsonObject(id).getString("hex"));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void holdsTheCollectionTheReadmeDescribes() {
        assertThat(VECTORS.getJsonArray("vectors")).hasSize(13);
        assertThat(VECTORS.getJsonObject("bodies")).hasSize(9);
        assertThat(VECTORS.getJsonArray("malformed_for_negative_tests")).hasSize(3);
    }

    @TestFactory
    Stream<DynamicTest> everyBodyHasTheRecordedLengthTextAndDigests() {
        return VECTORS.getJsonObject("bodies").entrySet().stream()
                .map(entry -> dynamicTest(entry.getKey(), () -> {
                    JsonObject recorded = entry.getValue().asJsonObject();
                    byte[] body = body(entry.getKey());

                    assertThat(body).hasSize(recorded.getInt("length"));
                    if (!recorded.isNull("utf8")) {
                        assertThat(new String(body, UTF_8)).isEqualTo(recorded.getString("utf8"));
                    }
                    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
                        assertThat(base64(algorithm.digest(body)))
                                .as(algorithm.token())
                                .isEqualTo(recorded.getString(algorithm.token()));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyVectorIsReproducedAndVerifies() {
        return VECTORS.getJsonArray("vectors").stream()
                .map(JsonObject.class::cast)
                .map(vector -> {
                    String name = vector.getString("rfc9530_section") + " " + vector.getString("body_id") + " "
                            + vector.getString("algorithm");
                    return dynamicTest(name, () -> {
                        byte[] body = body(vector.getString("body_id"));
                        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(vector.getString("algorithm"))
                                .orElseThrow();
                        String value = vector.getString("structured_field_value");

                        assertThat(vector.getBoolean("matches_computed")).isTrue();
                        assertThat(base64(algorithm.digest(body))).isEqualTo(vector.getString("expected_b64"));
                        assertThat(Digests.contentDigest(body, algorithm)).isEqualTo(value);
                        assertThat(Digests.verifyContentDigest(value, body).outcome())
                                .isEqualTo(Outcome.MATCH);
                        // The same digest in legacy RFC 3230 form.
                        assertThat(Digests.verifyDigestHeader(
                                                algorithm.jdkName() + "=" + vector.getString("expected_b64"), body)
                                        .outcome())
                                .isEqualTo(Outcome.MATCH);
                    });
                });
    }

    @Test
    void aTrailingLineFeedChangesTheDigest() {
        // Gotcha 1: most RFC 9530 examples digest the JSON plus LF; RFC 9421 and Appendix D without it.
        String withLf = "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:";

        assertThat(Digests.verifyContentDigest(withLf, body("hello-lf")).outcome())
                .isEqualTo(Outcome.MATCH);
        assertThat(Digests.verifyContentDigest(withLf, body("hello-no-lf")))
                .isEqualTo(DigestCheck.mismatch("Content-Digest sha-256 does not match the body (body hashes to "
                        + "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=)"));
    }

    @Test
    void theValuePrintedWithAnExtraPaddingCharacterIsMalformed() {
        // Gotcha 2: the RFC prints "…FabDg==" in several examples: 45 characters, not valid base64.
        DigestCheck check = Digests.verifyContentDigest(
                "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg==:", body("hello-lf"));

        assertThat(check).isEqualTo(DigestCheck.malformed("malformed Content-Digest: invalid base64 in sha-256"));
    }

    @Test
    void onlyTheCorrectedBrotliBytesHaveThePrintedDigests() {
        // Gotcha 3: the printed hex dump is not a brotli stream and does not hash to the printed digest.
        byte[] printed = HexFormat.of().parseHex(VECTORS.getString("printed_brotli_hex_erratum"));
        byte[] corrected = body("hello-lf-brotli");
        String value = Digests.contentDigest(corrected, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512);

        assertThat(printed).hasSameSizeAs(corrected).isNotEqualTo(corrected);
        assertThat(Digests.verifyContentDigest(value, corrected).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(Digests.verifyContentDigest(value, printed).outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(value).startsWith("sha-256=:d435Qo+nKZ+gLcUHn7GQtQ72hiBVAgqoLsZnZPiTGPk=:");
    }

    @Test
    void theSectionTwoMultiValueExampleParsesButMatchesNoSingleBody() {
        // Gotcha 4: the two digests in §2's example belong to different byte strings.
        String value = VECTORS.getString("multi_value_example").substring("Content-Digest: ".length());

        assertThat(Digests.verifyContentDigest(value, body("hello-lf-brotli")).reason())
                .startsWith("Content-Digest sha-512 does not match");
        assertThat(Digests.verifyContentDigest(value, body("hello-lf")).reason())
                .startsWith("Content-Digest sha-256 does not match");
        assertThat(Digests.verifyContentDigest(value, body("hello-lf")).outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedValueIsRejectedAsMalformed() {
        return VECTORS.getJsonArray("malformed_for_negative_tests").stream()
                .map(json -> valueBeforeNote(((JsonString) json).getString()))
                .map(value -> dynamicTest(value, () -> {
                    for (String body : List.of("hello-lf", "hello-no-lf")) {
                        DigestCheck check = Digests.verifyContentDigest(value, body(body));
                        assertThat(check.outcome()).as(check.reason()).isEqualTo(Outcome.MALFORMED);
                    }
                }));
    }

    @Test
    void theMalformedRfc3230ExampleIsAValidDigestHeader() {
        String legacy = valueBeforeNote(
                VECTORS.getJsonArray("malformed_for_negative_tests").getString(2));

        assertThat(legacy).isEqualTo("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=");
        assertThat(Digests.verifyDigestHeader(legacy, body("hello-no-lf")).outcome())
                .isEqualTo(Outcome.MATCH);
        assertThat(Digests.verifyDigestHeader(
                                "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:", body("hello-lf"))
                        .outcome())
                .isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void appendixDSampleValuesMatchAndDeprecatedAlgorithmsAreIgnored() throws Exception {
        JsonObject samples = VECTORS.getJsonObject("sample_digest_values_appendix_D");
        byte[] input = samples.getString("input").getBytes(UTF_8);
        Map<String, String> members = samples.entrySet().stream()
                .filter(e -> e.getValue() instanceof JsonString && !e.getKey().equals("input"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((JsonString) e.getValue()).getString()));
        String all = members.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        String deprecatedOnly = members.entrySet().stream()
                .filter(e -> DigestAlgorithm.fromToken(e.getKey()).isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));

        assertThat(members).hasSize(8);
        assertThat(Digests.verifyContentDigest(all, input))
                .isEqualTo(DigestCheck.match("Content-Digest sha-256, sha-512 matches the body"));
        assertThat(Digests.verifyContentDigest(deprecatedOnly, input).outcome()).isEqualTo(Outcome.UNSUPPORTED);
        // The collector checked md5 and sha; so do we, so that "ignored" is not "wrong".
        assertThat(":" + base64(MessageDigest.getInstance("MD5").digest(input)) + ":")
                .isEqualTo(members.get("md5"));
        assertThat(":" + base64(MessageDigest.getInstance("SHA-1").digest(input)) + ":")
                .isEqualTo(members.get("sha"));
    }

    @TestFactory
    Stream<DynamicTest> wantDigestPreferencesAreNotDigests() {
        return VECTORS.getJsonArray("want_digest_examples").stream()
                .map(json -> ((JsonString) json).getString())
                .map(field -> dynamicTest(field, () -> {
                    String value = field.substring(field.indexOf(':') + 1);
                    assertThat(Digests.verifyContentDigest(value, body("hello-lf"))
                                    .outcome())
                            .isEqualTo(Outcome.MALFORMED);
                }));
    }

    // Entries may carry a note after the value: "SHA-256=:…: (Mastodon spec: …)".
    private static String valueBeforeNote(String entry) {
        int note = entry.indexOf(" (");
        return note < 0 ? entry : entry.substring(0, note);
    }
}
