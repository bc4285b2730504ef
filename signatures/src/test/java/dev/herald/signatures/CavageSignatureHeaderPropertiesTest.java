package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary input to the draft-cavage header parser gives a value or a SignatureFormatException, nothing else. */
class CavageSignatureHeaderPropertiesTest {
    @Property(tries = 3000)
    void arbitraryTextParsesOrFailsCleanly(@ForAll("headerish") String text) {
        try {
            CavageSignatureHeader header = CavageSignatureHeader.parse(text);
            assertThat(header.keyId()).isNotEmpty();
            assertThat(CavageSignatureHeader.parse(header.serialize()).keyId()).isEqualTo(header.keyId());
        } catch (SignatureFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void anyUnicodeParsesOrFailsCleanly(@ForAll String text) {
        try {
            CavageSignatureHeader.parse(text);
        } catch (SignatureFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> headerish() {
        Arbitrary<String> pieces = Arbitraries.of(
                "keyId",
                "signature",
                "headers",
                "algorithm",
                "created",
                "expires",
                "=",
                "\"",
                ",",
                " ",
                "\\",
                "(request-target)",
                "AA==",
                "rsa-sha256",
                "hs2019",
                "1700000000",
                "\t",
                "Signature ",
                "\u00e9",
                "\u0000");
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }
}
