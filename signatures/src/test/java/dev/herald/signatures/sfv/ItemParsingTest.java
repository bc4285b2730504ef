package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Item fields, one nested class per bare item type, after RFC 9651 §4.2.3-§4.2.10 and the cases of the
 * httpwg structured-field-tests suite (written from the spec, not copied).
 */
class ItemParsingTest {

    static void assertParses(String raw, BareItem expected, String canonical) {
        Item item = StructuredFields.parseItem(raw);
        assertThat(item.value()).isEqualTo(expected);
        assertThat(item.parameters()).isEqualTo(Parameters.EMPTY);
        assertThat(item.serialize()).isEqualTo(canonical);
    }

    static void assertRejects(String raw) {
        assertThatThrownBy(() -> StructuredFields.parseItem(raw)).isInstanceOf(StructuredFieldException.class);
    }

    @Nested
    class IntegersAndDecimals {
        static Stream<Arguments> integers() {
            return Stream.of(
                    arguments("42", 42L, "42"),
                    arguments("0", 0L, "0"),
                    arguments("-0", 0L, "0"),
                    arguments("00", 0L, "0"),
                    arguments("-42", -42L, "-42"),
                    arguments("042", 42L, "42"),
                    arguments("-042", -42L, "-42"),
                    arguments("123456789012345", 123456789012345L, "123456789012345"),
                    arguments("-123456789012345", -123456789012345L, "-123456789012345"),
                    arguments("000000000000001", 1L, "1"));
        }

        @ParameterizedTest
        @MethodSource("integers")
        void parsesIntegersWithSignAndLeadingZeros(String raw, long value, String canonical) {
            assertParses(raw, new BareItem.Integer(value), canonical);
        }

        static Stream<Arguments> decimals() {
            return Stream.of(
                    arguments("1.23", "1.23", "1.23"),
                    arguments("-1.23", "-1.23", "-1.23"),
                    arguments("4.5", "4.5", "4.5"),
                    arguments("1.123", "1.123", "1.123"),
                    arguments("-1.123", "-1.123", "-1.123"),
                    arguments("123456789012.1", "123456789012.1", "123456789012.1"),
                    arguments("123456789012.123", "123456789012.123", "123456789012.123"),
                    arguments("1.20", "1.2", "1.2"),
                    arguments("1.200", "1.2", "1.2"),
                    arguments("1.230", "1.23", "1.23"),
                    arguments("1.0", "1.0", "1.0"),
                    arguments("-0.0", "0.0", "0.0"),
                    arguments("007.50", "7.5", "7.5"));
        }

        @ParameterizedTest
        @MethodSource("decimals")
        void parsesDecimalsAndDropsInsignificantZeros(String raw, String value, String canonical) {
            assertParses(raw, new BareItem.Decimal(new BigDecimal(value)), canonical);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "1234567890123456",
                    "-1234567890123456",
                    "--0",
                    "-",
                    "-a23",
                    "4-2",
                    "- 42",
                    "2,3",
                    "1. 23",
                    "1 .23",
                    "- 1.23",
                    "1.5.4",
                    "1..4",
                    "1.",
                    "-1.",
                    "1.1234",
                    "-1.1234",
                    "1234567890123.0",
                    "-1234567890123.0",
                    "0000000000000.1",
                    "9223372036854775808"
                })
        void rejectsMalformedAndOutOfRangeNumbers(String raw) {
            assertRejects(raw);
        }

        @Test
        void reportsWhereANumberGrowsTooLong() {
            assertThatThrownBy(() -> StructuredFields.parseItem("1234567890123456"))
                    .hasMessage("integer has more than 15 digits at offset 15");
            assertThatThrownBy(() -> StructuredFields.parseItem("1234567890123.5"))
                    .hasMessage("decimal has more than 12 integer digits at offset 13");
            assertThatThrownBy(() -> StructuredFields.parseItem("1.1234"))
                    .hasMessage("decimal has more than 3 fraction digits at offset 5");
            assertThatThrownBy(() -> StructuredFields.parseItem("1."))
                    .hasMessage("decimal needs a digit after '.' at offset 2");
        }
    }

    @Nested
    class Strings {
        static Stream<Arguments> strings() {
            return Stream.of(
                    arguments("\"foo bar\"", "foo bar"),
                    arguments("\"\"", ""),
                    arguments("\"   \"", "   "),
                    arguments("\"foo \\\"bar\\\" \\\\ baz\"", "foo \"bar\" \\ baz"),
                    arguments("\"" + "foo ".repeat(256) + "\"", "foo ".repeat(256)),
                    arguments("\"" + "\\\"".repeat(1000) + "\"", "\"".repeat(1000)),
                    arguments("\"'single' (parens) ;= ,\"", "'single' (parens) ;= ,"));
        }

        @ParameterizedTest
        @MethodSource("strings")
        void parsesStringsWithTheTwoEscapes(String raw, String value) {
            assertParses(raw, new BareItem.String(value), raw);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"f\u00fc\u00fc\"",
                    "\"\t\"",
                    "\" \n \"",
                    "\"\u007f\"",
                    "'foo'",
                    "\"foo",
                    "\"foo \\,\"",
                    "\"foo \\n\"",
                    "\"foo \\\"",
                    "\"foo \\",
                    "\"a\" \"b\""
                })
        void rejectsUnescapableCharactersOtherEscapesAndUnclosedStrings(String raw) {
            assertRejects(raw);
        }

        @Test
        void namesTheBadEscape() {
            assertThatThrownBy(() -> StructuredFields.parseItem("\"foo \\,\""))
                    .hasMessage("invalid escape of ',' in string; only \\\" and \\\\ at offset 6");
        }
    }

    @Nested
    class Tokens {
        @ParameterizedTest
        @ValueSource(strings = {"a_b-c.d3:f%00/*", "fooBar", "FooBar", "*", "*foo", "text/html", "foo123/456"})
        void parsesTokensStartingWithALetterOrStar(String raw) {
            assertParses(raw, new BareItem.Token(raw), raw);
        }

        @ParameterizedTest
        @ValueSource(strings = {"_a", "/a", ".a", "a b", "a\"b", "a(b", "a,b", "a@b", "a[b]", "a{b}", "a=b"})
        void rejectsTokensWithABadFirstOrLaterCharacter(String raw) {
            assertRejects(raw);
        }
    }

    @Nested
    class ByteSequences {
        static Stream<Arguments> byteSequences() {
            return Stream.of(
                    arguments(":aGVsbG8=:", "hello", ":aGVsbG8=:"),
                    arguments("::", "", "::"),
                    arguments(
                            ":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:",
                            "pretend this is binary content.",
                            ":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:"),
                    // RFC 9651 §4.2.7: parsers SHOULD NOT fail on missing padding or on non-zero pad bits
                    arguments(":aGVsbG8:", "hello", ":aGVsbG8=:"),
                    arguments(":aGVsbA:", "hell", ":aGVsbA==:"),
                    // our leniency: up to two '=' at the end even when the length does not need them
                    arguments(":aGVsbA=:", "hell", ":aGVsbA==:"),
                    arguments(":aGVsbG8==:", "hello", ":aGVsbG8=:"),
                    arguments(":aGVs==:", "hel", ":aGVs:"),
                    arguments(":==:", "", "::"));
        }

        @ParameterizedTest
        @MethodSource("byteSequences")
        void parsesBase64BetweenColons(String raw, String ascii, String canonical) {
            assertParses(raw, new BareItem.ByteSequence(ascii.getBytes(StandardCharsets.US_ASCII)), canonical);
        }

        @Test
        void acceptsNonZeroPadBitsAndSerializesThemCleared() {
            assertParses(":iZ==:", new BareItem.ByteSequence(new byte[] {(byte) 0x89}), ":iQ==:");
            assertParses(":/+Ah:", new BareItem.ByteSequence(new byte[] {(byte) 0xff, (byte) 0xe0, 0x21}), ":/+Ah:");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    ":=aGVsbG8=:",
                    ":a=GVsbG8=:",
                    ":aGVsbG8.:",
                    ":aGVsbG8=",
                    ":aGVsb G8=:",
                    ":    :",
                    ":aGVsbG!8=:",
                    ":aGVsbG8=!:",
                    ":_-Ah:",
                    ":",
                    ":a:",
                    ":aGVsbA===:",
                    ":aGVs===:",
                    ":===:",
                    ":a==:",
                    ":aGVsb==:"
                })
        void rejectsBadAlphabetMisplacedOrExcessPaddingImpossibleLengthAndMissingEnd(String raw) {
            assertRejects(raw);
        }
    }

    @Nested
    class Booleans {
        @Test
        void parsesQuestionMarkOneAndZero() {
            assertParses("?1", BareItem.Boolean.TRUE, "?1");
            assertParses("?0", BareItem.Boolean.FALSE, "?0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"?Q", "? 1", "?-0", "?T", "?F", "?t", "?f", "?True", "?False", "?", "?10", "?01"})
        void rejectsAnythingElse(String raw) {
            assertRejects(raw);
        }
    }

    @Nested
    class Dates {
        static Stream<Arguments> dates() {
            return Stream.of(
                    arguments("@0", 0L, "@0"),
                    arguments("@1659578233", 1659578233L, "@1659578233"),
                    arguments("@-1659578233", -1659578233L, "@-1659578233"),
                    arguments("@2147483648", 2147483648L, "@2147483648"),
                    arguments("@4294967296", 4294967296L, "@4294967296"),
                    arguments("@253402214400", 253402214400L, "@253402214400"),
                    arguments("@-62135596800", -62135596800L, "@-62135596800"),
                    arguments("@999999999999999", 999999999999999L, "@999999999999999"),
                    arguments("@-999999999999999", -999999999999999L, "@-999999999999999"),
                    arguments("@-0", 0L, "@0"),
                    arguments("@007", 7L, "@7"));
        }

        @ParameterizedTest
        @MethodSource("dates")
        void parsesIntegerSecondsAfterAt(String raw, long epochSeconds, String canonical) {
            assertParses(raw, new BareItem.Date(epochSeconds), canonical);
        }

        @ParameterizedTest
        @ValueSource(strings = {"@1659578233.12", "@1000000000000000", "@-1000000000000000", "@", "@-", "@ 12", "@abc"})
        void rejectsDecimalsOutOfRangeAndNonNumbers(String raw) {
            assertRejects(raw);
        }

        @Test
        void reportsADecimalDateAtTheAt() {
            assertThatThrownBy(() -> StructuredFields.parseItem("1;d=@1.5"))
                    .hasMessage("date must be an integer, not a decimal at offset 4");
        }
    }

    @Nested
    class DisplayStrings {
        static Stream<Arguments> displayStrings() {
            return Stream.of(
                    arguments("%\"foo bar\"", "foo bar", "%\"foo bar\""),
                    arguments("%\"f%c3%bc%c3%bc\"", "f\u00fc\u00fc", "%\"f%c3%bc%c3%bc\""),
                    arguments("%\"foo %22bar%22 \\ baz\"", "foo \"bar\" \\ baz", "%\"foo %22bar%22 \\ baz\""),
                    arguments("%\"BOM: %ef%bb%bf\"", "BOM: \ufeff", "%\"BOM: %ef%bb%bf\""),
                    arguments("%\"%61\"", "a", "%\"a\""),
                    arguments("%\"\"", "", "%\"\""),
                    arguments("%\"100%25\"", "100%", "%\"100%25\""),
                    arguments("%\"%f0%9f%98%80\"", "\ud83d\ude00", "%\"%f0%9f%98%80\""));
        }

        @ParameterizedTest
        @MethodSource("displayStrings")
        void parsesPercentEncodedUtf8(String raw, String value, String canonical) {
            assertParses(raw, new BareItem.DisplayString(value), canonical);
        }

        @Test
        void parsesAllPrintableAsciiWithPercentAndQuoteEncoded() {
            StringBuilder raw = new StringBuilder("%\"");
            StringBuilder value = new StringBuilder();
            for (char c = 0x20; c < 0x7f; c++) {
                raw.append(c == '%' ? "%25" : c == '"' ? "%22" : String.valueOf(c));
                value.append(c);
            }
            raw.append('"');
            assertParses(raw.toString(), new BareItem.DisplayString(value.toString()), raw.toString());
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "%\"f%C3%BC%C3%BC\"",
                    "%\"f\u00fc\u00fc\"",
                    "%\"\t\"",
                    "%\"\n\"",
                    "%'foo'",
                    "%foo",
                    "%foo\"",
                    "%\"foo",
                    "%\"foo %a",
                    "%\"%c3%28\"",
                    "%\"%a0%a1\"",
                    "%\"%g0%1w\"",
                    "%\"%e2%28%a1\"",
                    "%\"%f0%28%8c%28\"",
                    "%\"%ed%a0%80\"",
                    "%\"%c0%af\"",
                    "%\"%\"",
                    "%\"%6\"",
                    "%\"%",
                    "%"
                })
        void rejectsUppercaseHexRawNonAsciiBadUtf8AndUnclosed(String raw) {
            assertRejects(raw);
        }

        @Test
        void reportsInvalidUtf8AtTheStartOfTheDisplayString() {
            assertThatThrownBy(() -> StructuredFields.parseItem("%\"%c3%28\""))
                    .hasMessage("display string is not valid UTF-8 at offset 0");
        }
    }

    @Nested
    class ItemsWithParameters {
        @Test
        void parsesParametersAfterTheBareItem() {
            Item item = StructuredFields.parseItem("2; foourl=\"https://foo.example.com/\"");
            assertThat(item)
                    .isEqualTo(
                            Item.integer(2).withParameter("foourl", new BareItem.String("https://foo.example.com/")));
            assertThat(item.serialize()).isEqualTo("2;foourl=\"https://foo.example.com/\"");
        }

        @Test
        void aParameterWithoutValueIsTrue() {
            Item item = StructuredFields.parseItem("1; a; b=?0");
            assertThat(item.parameters().get("a")).contains(BareItem.Boolean.TRUE);
            assertThat(item.parameters().get("b")).contains(BareItem.Boolean.FALSE);
            assertThat(item.serialize()).isEqualTo("1;a;b=?0");
        }

        @Test
        void everyBareItemTypeCanBeAParameterValue() {
            String raw = "x;i=-1;d=0.5;s=\"s\";t=*t;b=:AQ==:;f=?0;g;w=@1;u=%\"%c3%bc\"";
            assertThat(StructuredFields.parseItem(raw).serialize()).isEqualTo(raw);
        }
    }

    @Test
    void rejectsAnEmptyItemAndCharactersThatStartNoItem() {
        assertRejects("");
        assertRejects("   ");
        assertRejects("(1 2)");
        assertRejects("a=1");
        assertRejects("!");
        assertRejects(")");
        assertRejects("1 2");
    }
}
