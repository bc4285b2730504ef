package dev.herald.signatures;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.signatures.DigestCheck.Outcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestsTest {
    // {"hello": "world"} without a trailing LF: the body of RFC 9421's test-request and the
    // draft-cavage-12 examples.
    private static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(UTF_8);
    private static final String HELLO_SHA256 = "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=";
    private static final String HELLO_SHA512 =
            "WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==";
    private static final String OTHER_SHA256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; // empty body

    @Nested
    class DigestHeader {
        @Test
        void writesUpperCaseSha256PrefixBecauseThreadsRequiresIt() {
            assertThat(Digests.digestHeader(HELLO)).isEqualTo("SHA-256=" + HELLO_SHA256);
        }

        @Test
        void digestsTheEmptyBody() {
            assertThat(Digests.digestHeader(new byte[0])).isEqualTo("SHA-256=" + OTHER_SHA256);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SHA-256=", "sha-256=", "Sha-256=", "  SHA-256=", "SHA-256 = "})
        void acceptsSha256InAnyCaseWithWhitespace(String prefix) {
            DigestCheck check = Digests.verifyDigestHeader(prefix + HELLO_SHA256 + " \t", HELLO);

            assertThat(check.outcome()).isEqualTo(Outcome.MATCH);
            assertThat(check.matches()).isTrue();
            assertThat(check.reason()).isEqualTo("Digest SHA-256 matches the body");
        }

        @Test
        void acceptsSha512() {
            assertThat(Digests.verifyDigestHeader("SHA-512=" + HELLO_SHA512, HELLO)
                            .outcome())
                    .isEqualTo(Outcome.MATCH);
        }

        @Test
        void requiresEveryRecognisedEntryToMatch() {
            assertThat(Digests.verifyDigestHeader("SHA-256=" + HELLO_SHA256 + ", SHA-512=" + HELLO_SHA512, HELLO))
                    .isEqualTo(DigestCheck.match("Digest SHA-256, SHA-512 matches the body"));

            DigestCheck oneWrong = Digests.verifyDigestHeader(
                    "SHA-256=" + HELLO_SHA256 + ",SHA-512=" + HELLO_SHA512.replace('W', 'V'), HELLO);
            assertThat(oneWrong.outcome()).isEqualTo(Outcome.MISMATCH);
            assertThat(oneWrong.reason()).startsWith("Digest SHA-512 does not match the body");
        }

        @Test
        void ignoresUnknownAlgorithmsNextToAKnownOne() {
            String value = "MD5=Sd/dVLAcvNLSq16eXua5uQ==, UNIXsum=30637,SHA-256=" + HELLO_SHA256;

            assertThat(Digests.verifyDigestHeader(value, HELLO).outcome()).isEqualTo(Outcome.MATCH);
        }

        @Test
        void reportsUnsupportedWhenNoAlgorithmIsRecognised() {
            DigestCheck check = Digests.verifyDigestHeader("MD5=Sd/dVLAcvNLSq16eXua5uQ==", HELLO);

            assertThat(check)
                    .isEqualTo(DigestCheck.unsupported(
                            "no supported digest algorithm in Digest (supported: SHA-256, SHA-512)"));
        }

        @Test
        void reportsMismatchWithTheComputedDigest() {
            DigestCheck check = Digests.verifyDigestHeader("SHA-256=" + OTHER_SHA256, HELLO);

            assertThat(check)
                    .isEqualTo(DigestCheck.mismatch(
                            "Digest SHA-256 does not match the body (body hashes to " + HELLO_SHA256 + ")"));
        }

        @Test
        void rejectsRfc9530ByteSequenceSyntaxAsMalformed() {
            DigestCheck check = Digests.verifyDigestHeader("SHA-256=:" + HELLO_SHA256 + ":", HELLO);

            assertThat(check.outcome()).isEqualTo(Outcome.MALFORMED);
            assertThat(check.reason()).contains("RFC 9530 :base64: syntax", "belongs in Content-Digest");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"SHA-256=not base64!", "SHA-256=", "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=="})
        void rejectsInvalidBase64AsMalformed(String value) {
            assertThat(Digests.verifyDigestHeader(value, HELLO))
                    .isEqualTo(DigestCheck.malformed("Digest SHA-256 is not valid base64"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "  ",
                    "SHA-256",
                    "=abc",
                    "SHA-256=" + HELLO_SHA256 + ",",
                    "SHA-256=" + HELLO_SHA256 + ",,"
                })
        void rejectsMissingOrBrokenEntriesAsMalformed(String value) {
            assertThat(Digests.verifyDigestHeader(value, HELLO).outcome()).isEqualTo(Outcome.MALFORMED);
        }

        @Test
        void rejectsARepeatedAlgorithmAsMalformed() {
            DigestCheck check =
                    Digests.verifyDigestHeader("SHA-256=" + HELLO_SHA256 + ", sha-256=" + OTHER_SHA256, HELLO);

            assertThat(check).isEqualTo(DigestCheck.malformed("Digest names SHA-256 twice"));
        }

        @Test
        void rejectsNullArgumentsNamingTheParameter() {
            assertThatThrownBy(() -> Digests.verifyDigestHeader(null, HELLO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("headerValue must not be null");
            assertThatThrownBy(() -> Digests.verifyDigestHeader("SHA-256=" + HELLO_SHA256, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("body must not be null");
            assertThatThrownBy(() -> Digests.digestHeader(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("body must not be null");
        }
    }

    @Nested
    class ContentDigest {
        @Test
        void writesSha256ByDefault() {
            assertThat(Digests.contentDigest(HELLO)).isEqualTo("sha-256=:" + HELLO_SHA256 + ":");
        }

        @Test
        void writesSeveralAlgorithmsInTheGivenOrder() {
            assertThat(Digests.contentDigest(HELLO, DigestAlgorithm.SHA_512, DigestAlgorithm.SHA_256))
                    .isEqualTo("sha-512=:" + HELLO_SHA512 + ":, sha-256=:" + HELLO_SHA256 + ":");
        }

        @Test
        void refusesRepeatedOrNullAlgorithms() {
            assertThatThrownBy(() -> Digests.contentDigest(HELLO, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_256))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("algorithms must not repeat sha-256");
            assertThatThrownBy(() -> Digests.contentDigest(HELLO, (DigestAlgorithm[]) null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("algorithms must not be null");
            assertThatThrownBy(() -> Digests.contentDigest(HELLO, DigestAlgorithm.SHA_256, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("algorithms element must not be null");
            assertThatThrownBy(() -> Digests.contentDigest(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("body must not be null");
        }

        @Test
        void matchesEverySupportedMember() {
            String value = "sha-256=:" + HELLO_SHA256 + ":, sha-512=:" + HELLO_SHA512 + ":";

            assertThat(Digests.verifyContentDigest(value, HELLO))
                    .isEqualTo(DigestCheck.match("Content-Digest sha-256, sha-512 matches the body"));
        }

        @Test
        void reportsMismatchWhenOneMemberDiffers() {
            String value = "sha-512=:" + HELLO_SHA512 + ":, sha-256=:" + OTHER_SHA256 + ":";

            assertThat(Digests.verifyContentDigest(value, HELLO))
                    .isEqualTo(DigestCheck.mismatch(
                            "Content-Digest sha-256 does not match the body (body hashes to " + HELLO_SHA256 + ")"));
        }

        @Test
        void reportsMismatchForADigestOfTheWrongLength() {
            assertThat(Digests.verifyContentDigest("sha-256=:" + HELLO_SHA512 + ":", HELLO)
                            .outcome())
                    .isEqualTo(Outcome.MISMATCH);
        }

        @Test
        void ignoresUnknownAlgorithmsAndParameters() {
            String value = "md5=:Sd/dVLAcvNLSq16eXua5uQ==:;legacy, unixsum=:GQU=:,\tsha-256=:" + HELLO_SHA256
                    + ":;q=0.5;note=\"a \\\"quoted\\\" \\\\ word\";flag;b=?1;t=text/plain;bytes=:AQ==:;n=-3";

            assertThat(Digests.verifyContentDigest(value, HELLO).outcome()).isEqualTo(Outcome.MATCH);
        }

        @Test
        void reportsUnsupportedWhenOnlyUnknownAlgorithmsArePresent() {
            assertThat(Digests.verifyContentDigest(
                            "md5=:Sd/dVLAcvNLSq16eXua5uQ==:, sha=:07CavjDP4u3/TungoUHJO/Wzr4c=:", HELLO))
                    .isEqualTo(DigestCheck.unsupported(
                            "no supported digest algorithm in Content-Digest (supported: sha-256, sha-512)"));
        }

        @Test
        void keepsTheLastValueOfARepeatedKey() {
            String value = "sha-256=:" + OTHER_SHA256 + ":, sha-256=:" + HELLO_SHA256 + ":";

            assertThat(Digests.verifyContentDigest(value, HELLO).outcome()).isEqualTo(Outcome.MATCH);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:|upper-case key; RFC 8941 keys are lower case at position 0",
                    "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=|member sha-256 is not a byte sequence; expected sha-256=:base64: at position 8",
                    "sha-256|member sha-256 has no value; expected sha-256=:base64: at position 7",
                    "sha-256=10|member sha-256 is not a byte sequence; expected sha-256=:base64: at position 8",
                    "sha-256=(:AA==:)|member sha-256 is not a byte sequence; expected sha-256=:base64: at position 8",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=|unterminated byte sequence in sha-256 at position 53",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE-:|invalid base64 character in sha-256 at position 52",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE==:|invalid base64 in sha-256",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:,|trailing comma at position 55",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=: sha-512=:AA==:|expected ',' after member sha-256 at position 55",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;=1|expected a key (lower-case letter or '*') at position 55",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=\"open|unterminated string at position 62",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=\"\\x\"|invalid escape in string at position 59",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=\"é\"|invalid character in string at position 59",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=?2|invalid boolean in parameter a at position 58",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=1.|invalid number at position 59",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=-|invalid number at position 58",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=1234567890123456|invalid number at position 73",
                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;a=@1|invalid value for parameter a at position 57",
                    "md5=:Sd/dVLAcvNLSq16eXua5uQ:==, sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:|expected ',' after member md5 at position 28",
                })
        void rejectsMalformedValuesWithThePlaceAndProblem(String valueAndReason) {
            String[] parts = valueAndReason.split("\\|", 2);

            assertThat(Digests.verifyContentDigest(parts[0], HELLO))
                    .isEqualTo(DigestCheck.malformed("malformed Content-Digest: " + parts[1]));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t "})
        void rejectsAnEmptyValueAsMalformed(String value) {
            assertThat(Digests.verifyContentDigest(value, HELLO))
                    .isEqualTo(DigestCheck.malformed("empty Content-Digest"));
        }

        @Test
        void acceptsOptionalWhitespaceAroundCommasAndTheValue() {
            String value = "  sha-512=:" + HELLO_SHA512 + ":\t ,\t sha-256=:" + HELLO_SHA256 + ":  ";

            assertThat(Digests.verifyContentDigest(value, HELLO).outcome()).isEqualTo(Outcome.MATCH);
        }

        @Test
        void acceptsUnpaddedBase64AsRfc8941Recommends() {
            String unpadded = HELLO_SHA256.substring(0, HELLO_SHA256.length() - 1);

            assertThat(Digests.verifyContentDigest("sha-256=:" + unpadded + ":", HELLO)
                            .outcome())
                    .isEqualTo(Outcome.MATCH);
        }

        @Test
        void rejectsNullArgumentsNamingTheParameter() {
            assertThatThrownBy(() -> Digests.verifyContentDigest(null, HELLO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("headerValue must not be null");
            assertThatThrownBy(() -> Digests.verifyContentDigest("sha-256=:AA==:", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("body must not be null");
        }
    }

    @Property(tries = 200)
    void everyBodyVerifiesAgainstItsOwnDigests(@ForAll byte[] body) {
        assertThat(Digests.verifyDigestHeader(Digests.digestHeader(body), body).matches())
                .isTrue();
        String contentDigest = Digests.contentDigest(body, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512);
        assertThat(Digests.verifyContentDigest(contentDigest, body).matches()).isTrue();
    }

    @Property(tries = 200)
    void aChangedBodyNeverMatches(@ForAll byte[] body, @ForAll byte extra) {
        byte[] changed = java.util.Arrays.copyOf(body, body.length + 1);
        changed[body.length] = extra;

        assertThat(Digests.verifyContentDigest(Digests.contentDigest(body), changed)
                        .outcome())
                .isEqualTo(Outcome.MISMATCH);
        assertThat(Digests.verifyDigestHeader(Digests.digestHeader(body), changed)
                        .outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 200)
                    .mapToObj(i -> (Callable<Boolean>) () -> {
                        byte[] body = ("body " + i).getBytes(UTF_8);
                        return Digests.verifyContentDigest(Digests.contentDigest(body), body)
                                        .matches()
                                && Digests.verifyDigestHeader(Digests.digestHeader(body), body)
                                        .matches();
                    })
                    .collect(Collectors.toList());
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    class Algorithm {
        @Test
        void namesMatchRfc9530AndTheJdk() {
            assertThat(Map.of(
                            DigestAlgorithm.SHA_256.token(), DigestAlgorithm.SHA_256.jdkName(),
                            DigestAlgorithm.SHA_512.token(), DigestAlgorithm.SHA_512.jdkName()))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("sha-256", "SHA-256", "sha-512", "SHA-512"));
            assertThat(DigestAlgorithm.SHA_256.digest(HELLO)).hasSize(DigestAlgorithm.SHA_256.length());
            assertThat(DigestAlgorithm.SHA_512.digest(HELLO)).hasSize(DigestAlgorithm.SHA_512.length());
        }

        @Test
        void findsTokensIgnoringCase() {
            assertThat(DigestAlgorithm.fromToken("sha-256")).contains(DigestAlgorithm.SHA_256);
            assertThat(DigestAlgorithm.fromToken("SHA-512")).contains(DigestAlgorithm.SHA_512);
            assertThat(DigestAlgorithm.fromToken("md5")).isEmpty();
            assertThat(DigestAlgorithm.fromToken("sha256")).isEmpty();
        }

        @Test
        void rejectsNullNamingTheParameter() {
            assertThatThrownBy(() -> DigestAlgorithm.fromToken(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("token must not be null");
            assertThatThrownBy(() -> DigestAlgorithm.SHA_256.digest(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("body must not be null");
        }
    }

    @Nested
    class Check {
        @Test
        void onlyMatchMatches() {
            assertThat(DigestCheck.match("ok").matches()).isTrue();
            assertThat(DigestCheck.mismatch("x").matches()).isFalse();
            assertThat(DigestCheck.malformed("x").matches()).isFalse();
            assertThat(DigestCheck.unsupported("x").matches()).isFalse();
            assertThat(DigestCheck.malformed("x").outcome()).isEqualTo(Outcome.MALFORMED);
        }

        @Test
        void requiresAnOutcomeAndAReason() {
            assertThatThrownBy(() -> new DigestCheck(null, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("outcome must not be null");
            assertThatThrownBy(() -> DigestCheck.match(" "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reason must not be blank");
            assertThatThrownBy(() -> DigestCheck.match(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reason must not be blank");
        }
    }
}
