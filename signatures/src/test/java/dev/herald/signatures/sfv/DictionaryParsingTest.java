package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dictionary fields, after RFC 9651 §4.2.2 and the httpwg dictionary cases. */
class DictionaryParsingTest {

    static Stream<Arguments> canonicalization() {
        return Stream.of(
                arguments("en=\"Applepie\", da=:w4ZibGV0w6ZydGUK:", "en=\"Applepie\", da=:w4ZibGV0w6ZydGUK:"),
                arguments("a=1", "a=1"),
                arguments("a=(1 2)", "a=(1 2)"),
                arguments("a=(1)", "a=(1)"),
                arguments("a=()", "a=()"),
                arguments("a=1,b=2", "a=1, b=2"),
                arguments("a=1 ,  b=2", "a=1, b=2"),
                arguments("a=1\t,\tb=2", "a=1, b=2"),
                arguments("     a=1 ,  b=2", "a=1, b=2"),
                arguments("a=1, b, c=3", "a=1, b, c=3"),
                arguments("a, b, c", "a, b, c"),
                arguments("a, b=2", "a, b=2"),
                arguments("a=1, b", "a=1, b"),
                arguments("a=1, b;foo=9, c=3", "a=1, b;foo=9, c=3"),
                arguments("a=1, b=?1;foo=9, c=3", "a=1, b;foo=9, c=3"),
                arguments("a=?1", "a"),
                arguments("a=?0", "a=?0"),
                arguments("a=1,b=2,a=3", "a=3, b=2"),
                arguments("m, z, t", "m, z, t"),
                arguments(
                        "abc=123;a=1;b=2, def=456, ghi=789;q=9;r=\"+w\"",
                        "abc=123;a=1;b=2, def=456, ghi=789;q=9;r=\"+w\""),
                arguments("a=b; q=1.0", "a=b;q=1.0"),
                arguments("a=(1 2); q=1.0", "a=(1 2);q=1.0"),
                arguments("a=3;c;d=5", "a=3;c;d=5"),
                arguments("a=3;c=5;d", "a=3;c=5;d"),
                arguments("a=b;c=1,d=e;f=2", "a=b;c=1, d=e;f=2"),
                arguments("a=b;  c=1  ,  d=e; f=2; g=3", "a=b;c=1, d=e;f=2;g=3"),
                arguments("rating=1.5, feelings=(joy sadness)", "rating=1.5, feelings=(joy sadness)"),
                arguments("a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid", "a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid"),
                arguments("a=?0, b, c; foo=bar", "a=?0, b, c;foo=bar"),
                arguments("*=1, *a.b-c_d*=2", "*=1, *a.b-c_d*=2"));
    }

    @ParameterizedTest
    @MethodSource("canonicalization")
    void parsesAndSerializesCanonically(String raw, String canonical) {
        Dictionary dictionary = StructuredFields.parseDictionary(raw);
        assertThat(dictionary.serialize()).isEqualTo(canonical);
        assertThat(StructuredFields.parseDictionary(canonical)).isEqualTo(dictionary);
    }

    @Test
    void aKeyWithoutValueIsTrueWithItsParameters() {
        Dictionary dictionary = StructuredFields.parseDictionary("a=1, b;foo=9");
        assertThat(dictionary.get("a")).contains(Item.integer(1));
        assertThat(dictionary.get("b")).contains(Item.bool(true).withParameter("foo", new BareItem.Integer(9)));
    }

    @Test
    void aDuplicateKeyTakesTheLastValueAtTheFirstPosition() {
        Dictionary dictionary = StructuredFields.parseDictionary("a=1,b=2,a=3");
        assertThat(dictionary.asMap().keySet()).containsExactly("a", "b");
        assertThat(dictionary.get("a")).contains(Item.integer(3));
    }

    @Test
    void aDuplicateParameterTakesTheLastValueAtTheFirstPosition() {
        Dictionary dictionary = StructuredFields.parseDictionary("x=1;p=1;q=2;p=3");
        Parameters parameters = dictionary.get("x").orElseThrow().parameters();
        assertThat(parameters.asMap().keySet()).containsExactly("p", "q");
        assertThat(parameters.get("p")).contains(new BareItem.Integer(3));
    }

    @Test
    void theValueKeepsItsType() {
        Dictionary dictionary = StructuredFields.parseDictionary("rating=1.5, feelings=(joy sadness)");
        assertThat(dictionary.get("rating")).contains(Item.decimal(new BigDecimal("1.5")));
        assertThat(dictionary.get("feelings")).contains(InnerList.of(Item.token("joy"), Item.token("sadness")));
    }

    @Test
    void anEmptyFieldIsTheEmptyDictionary() {
        assertThat(StructuredFields.parseDictionary("")).isEqualTo(Dictionary.EMPTY);
        assertThat(StructuredFields.parseDictionary(" ")).isEqualTo(Dictionary.EMPTY);
        assertThat(StructuredFields.parseDictionary(List.of())).isEqualTo(Dictionary.EMPTY);
    }

    @Test
    void combinesFieldLinesWithACommaAndSpace() {
        assertThat(StructuredFields.parseDictionary(List.of("a=1", "b=2")).serialize())
                .isEqualTo("a=1, b=2");
        assertThat(StructuredFields.parseDictionary(List.of("a=b;c=1", "d=e;f=2"))
                        .serialize())
                .isEqualTo("a=b;c=1, d=e;f=2");
        assertThat(StructuredFields.parseDictionary(List.of("a=1", "a=2")).serialize())
                .isEqualTo("a=2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a =1, b=2",
                "a=1, b= 2",
                "a=1, b=2,",
                "a=1,,b=2,",
                "a=1,1b=2,a=1",
                "a=1,B=2,a=1",
                "a=1,b!=2,a=1",
                "a=b;q =0.5",
                "a=b;q= 0.5",
                "a=b ;q=0.5",
                "a=b; q=1.0,",
                "a=b; q=1.0,,c=d",
                "a=",
                "=1",
                "a=1 b=2",
                "a=(1 2",
                "A=1",
                "\u00e9=1"
            })
    void rejectsMalformedDictionaries(String raw) {
        assertThatThrownBy(() -> StructuredFields.parseDictionary(raw)).isInstanceOf(StructuredFieldException.class);
    }

    @Test
    void reportsTheBriefExampleMessage() {
        assertThatThrownBy(() -> StructuredFields.parseDictionary("a=1, b=2, c d"))
                .isInstanceOf(StructuredFieldException.class)
                .hasMessage("expected ',' or end of input at offset 12")
                .satisfies(e -> {
                    StructuredFieldException sfe = (StructuredFieldException) e;
                    assertThat(sfe.offset()).isEqualTo(12);
                    assertThat(sfe.reason()).isEqualTo("expected ',' or end of input");
                });
    }
}
