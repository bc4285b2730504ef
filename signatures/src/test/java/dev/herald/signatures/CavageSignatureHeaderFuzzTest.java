package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the draft-cavage {@code Signature} header parser (docs/fuzzing.md). The oracle: {@link
 * CavageSignatureHeader#parse(String)} returns a header or throws {@link SignatureFormatException}; any other
 * throwable is a finding. A header that parses serializes to a value that parses back to an equal header.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs in {@code CavageSignatureHeaderFuzzTestInputs/parse} (test
 * resources) and the empty input, as a regression test.
 */
class CavageSignatureHeaderFuzzTest {
    @FuzzTest
    void parse(byte[] input) {
        String value = new String(input, StandardCharsets.UTF_8);
        CavageSignatureHeader header;
        try {
            header = CavageSignatureHeader.parse(value);
        } catch (SignatureFormatException expected) {
            return;
        }
        assertThat(header.keyId()).isNotEmpty();
        assertThat(header.headers()).isNotEmpty();
        String serialized = header.serialize();
        CavageSignatureHeader again = CavageSignatureHeader.parse(serialized);
        assertThat(again).as("parse(serialize(parse(%s)))", value).isEqualTo(header);
        assertThat(again.keyId()).isEqualTo(header.keyId());
        assertThat(again.headers()).isEqualTo(header.headers());
        assertThat(again.signature()).isEqualTo(header.signature());
        assertThat(again.serialize()).isEqualTo(serialized);
    }
}
