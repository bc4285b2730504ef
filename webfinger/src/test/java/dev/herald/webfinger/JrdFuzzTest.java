package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the reading of a remote server's JRD, the body a WebFinger lookup gets back (docs/fuzzing.md). The oracle:
 * {@link Jrd#parse(byte[])} returns a JRD or throws {@link WebFingerException.InvalidJrd}; any other throwable is a
 * finding. A JRD that parses is written by {@link Jrd#toJson()} to JSON that parses back to an equal JRD.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs in {@code JrdFuzzTestInputs/parse} (test resources) and the
 * empty input, as a regression test.
 */
class JrdFuzzTest {
    @FuzzTest
    void parse(byte[] input) throws WebFingerException.InvalidJrd {
        Jrd jrd;
        try {
            jrd = Jrd.parse(input);
        } catch (WebFingerException.InvalidJrd expected) {
            return;
        }
        Jrd again = Jrd.parse(jrd.toJson());
        assertThat(again).as("parse(toJson(parse(...)))").isEqualTo(jrd);
        assertThat(again.toJsonString()).isEqualTo(jrd.toJsonString());
    }
}
