package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CavageSignatureHeaderTest {
    @Test
    void parsesMastodonsHeader() {
        CavageSignatureHeader header = CavageSignatureHeader.parse(
                "keyId=\"https://a.example/u#main-key\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\"AAEC\"");
        assertThat(header.keyId()).isEqualTo("https://a.example/u#main-key");
        assertThat(header.algorithm()).contains("rsa-sha256");
        assertThat(header.headers()).containsExactly("(request-target)", "host", "date", "digest");
        assertThat(header.signature()).containsExactly(0, 1, 2);
    }

    @Test
    void toleratesWhitespaceCaseOrderAndQuotedTimestamps() {
        CavageSignatureHeader header = CavageSignatureHeader.parse(
                " Signature headers = \"(created) Host\" , created=\"1700000000\", expires=1700003600.5,"
                        + " SIGNATURE=\"AA==\", KeyId=\"k\", unknown=\"x\" ");
        assertThat(header.keyId()).isEqualTo("k");
        assertThat(header.headers()).containsExactly("(created)", "host");
        assertThat(header.created()).contains("1700000000");
        assertThat(header.expires()).contains("1700003600.5");
        assertThat(header.algorithm()).isEmpty();
    }

    @Test
    void defaultsToDateWhenNoHeadersAreNamed() {
        CavageSignatureHeader header = CavageSignatureHeader.parse("keyId=\"k\",signature=\"AA==\"");
        assertThat(header.headers()).containsExactly("date");
        assertThat(header.headersGiven()).isFalse();
    }

    @Test
    void serializesWhatItParses() {
        CavageSignatureHeader header = CavageSignatureHeader.of(
                "k",
                "hs2019",
                List.of("(request-target)", "(created)"),
                new byte[] {1, 2, 3},
                Optional.of(1700000000L),
                Optional.of(1700003600L));
        assertThat(header.serialize())
                .isEqualTo("keyId=\"k\",algorithm=\"hs2019\",created=1700000000,expires=1700003600,"
                        + "headers=\"(request-target) (created)\",signature=\"AQID\"");
        assertThat(CavageSignatureHeader.parse(header.serialize())).isEqualTo(header);
    }

    @Test
    void escapesQuotesAndBackslashesWhenSerializing() {
        // Found by CavageSignatureHeaderFuzzTest: an escaped quote or backslash did not survive the round trip.
        CavageSignatureHeader header =
                CavageSignatureHeader.parse("keyId=\"a\\\\b\\\"c\",headers=\"x\\\"y\",signature=\"AA==\"");
        assertThat(header.keyId()).isEqualTo("a\\b\"c");
        assertThat(header.serialize()).isEqualTo("keyId=\"a\\\\b\\\"c\",headers=\"x\\\"y\",signature=\"AA==\"");
        CavageSignatureHeader again = CavageSignatureHeader.parse(header.serialize());
        assertThat(again.keyId()).isEqualTo("a\\b\"c");
        assertThat(again.headers()).containsExactly("x\"y");
    }

    @Test
    void rejectsWhatIsNotASignature() {
        assertThatThrownBy(() -> CavageSignatureHeader.parse("signature=\"AA==\""))
                .hasMessageContaining("keyId");
        assertThatThrownBy(() -> CavageSignatureHeader.parse("keyId=\"k\"")).hasMessageContaining("signature");
        assertThatThrownBy(() -> CavageSignatureHeader.parse("keyId=\"k\",keyId=\"j\",signature=\"AA==\""))
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> CavageSignatureHeader.parse("keyId=\"k,signature=\"AA==\""))
                .isInstanceOf(SignatureFormatException.class);
        assertThatThrownBy(() -> CavageSignatureHeader.parse("keyId=\"k\",created=yesterday,signature=\"AA==\""))
                .hasMessageContaining("created");
        assertThatThrownBy(() -> CavageSignatureHeader.parse("keyId=\"k\",headers=\"  \",signature=\"AA==\""))
                .hasMessageContaining("headers");
        assertThatThrownBy(() -> CavageSignatureHeader.parse("keyId=\"k\" signature=\"AA==\""))
                .hasMessageContaining("expected ','");
        assertThatThrownBy(() -> CavageSignatureHeader.parse("x".repeat(CavageSignatureHeader.MAX_LENGTH + 1)))
                .hasMessageContaining("longer than");
    }
}
