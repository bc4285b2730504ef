package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BareItemTest {

    @Nested
    class IntegerItem {
        @Test
        void serializesInDecimalWithoutPadding() {
            assertThat(new BareItem.Integer(42).serialize()).isEqualTo("42");
            assertThat(new BareItem.Integer(-42).serialize()).isEqualTo("-42");
            assertThat(new BareItem.Integer(0).serialize()).isEqualTo("0");
        }

        @Test
        void acceptsFifteenDigitsEitherSign() {
            assertThat(new BareItem.Integer(999_999_999_999_999L).serialize()).isEqualTo("999999999999999");
            assertThat(new BareItem.Integer(-999_999_999_999_999L).serialize()).isEqualTo("-999999999999999");
        }

        @ParameterizedTest
        @ValueSource(longs = {1_000_000_000_000_000L, -1_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE})
        void rejectsSixteenDigits(long value) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BareItem.Integer(value))
                    .withMessageContaining("outside the range");
        }
    }

    @Nested
    class DecimalItem {
        @ParameterizedTest
        @CsvSource({
            "1.5, 1.5",
            "1.50, 1.5",
            "1.500, 1.5",
            "1, 1.0",
            "100, 100.0",
            "1E+2, 100.0",
            "-0.0, 0.0",
            "0, 0.0",
            "-1.23, -1.23",
            "123456789012.123, 123456789012.123",
            // RFC 9651 §4.1.5: round half-even to three fraction digits
            "0.0015, 0.002",
            "0.0025, 0.002",
            "-0.0015, -0.002",
            "-0.0025, -0.002",
            "9.9995, 10.0",
            "1.2345, 1.234",
            "0.0005, 0.0",
            "0.0006, 0.001",
            "1E-999999999, 0.0"
        })
        void serializesRoundedHalfEvenWithoutTrailingZeros(String value, String serialized) {
            assertThat(new BareItem.Decimal(new BigDecimal(value)).serialize()).isEqualTo(serialized);
        }

        @Test
        void equalsByNumericValueBecauseTheConstructorNormalizes() {
            BareItem.Decimal a = new BareItem.Decimal(new BigDecimal("1.50"));
            BareItem.Decimal b = new BareItem.Decimal(new BigDecimal("1.5"));
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(a.value()).isEqualTo(new BigDecimal("1.5"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"1000000000000.1", "-1000000000000.1", "1234567890123", "999999999999.9995", "1E+999999999"})
        void rejectsMoreThanTwelveIntegerDigitsAfterRounding(String value) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BareItem.Decimal(new BigDecimal(value)))
                    .withMessageContaining("at most 12");
        }

        @Test
        void acceptsTwelveIntegerDigitsThatStayTwelveAfterRounding() {
            assertThat(new BareItem.Decimal(new BigDecimal("999999999999.9994")).serialize())
                    .isEqualTo("999999999999.999");
        }
    }

    @Nested
    class StringItem {
        @Test
        void escapesOnlyQuoteAndBackslash() {
            assertThat(new BareItem.String("foo \"bar\" \\ baz").serialize()).isEqualTo("\"foo \\\"bar\\\" \\\\ baz\"");
            assertThat(new BareItem.String("").serialize()).isEqualTo("\"\"");
            assertThat(new BareItem.String(" !#$%&'()*+,-./:;<=>?@[]^_`{|}~").serialize())
                    .isEqualTo("\" !#$%&'()*+,-./:;<=>?@[]^_`{|}~\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tab\there", "new\nline", "del\u007f", "f\u00fc\u00fc", "nul\u0000"})
        void rejectsCharactersOutsidePrintableAscii(String value) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BareItem.String(value))
                    .withMessageContaining("only printable ASCII");
        }
    }

    @Nested
    class TokenItem {
        @ParameterizedTest
        @ValueSource(strings = {"a", "*", "foo123/456", "text/html", "a_b-c.d3:f%00/*", "FooBar", "*!#$%&'*+-.^_`|~:/"})
        void serializesAsIs(String value) {
            assertThat(new BareItem.Token(value).serialize()).isEqualTo(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1abc", "-a", "_a", "/a", ":a"})
        void rejectsAFirstCharacterThatIsNotALetterOrStar(String value) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BareItem.Token(value))
                    .withMessageContaining("must start with a letter or '*'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b", "a\"", "a(b)", "a,b", "a;b", "a=b", "a@b", "a\u00e9"})
        void rejectsCharactersOutsideTcharColonAndSlash(String value) {
            assertThatIllegalArgumentException().isThrownBy(() -> new BareItem.Token(value));
        }
    }

    @Nested
    class ByteSequenceItem {
        @Test
        void serializesAsPaddedBase64BetweenColons() {
            assertThat(new BareItem.ByteSequence("hello".getBytes()).serialize())
                    .isEqualTo(":aGVsbG8=:");
            assertThat(new BareItem.ByteSequence(new byte[0]).serialize()).isEqualTo("::");
        }

        @Test
        void copiesTheArrayOnTheWayInAndOut() {
            byte[] bytes = {1, 2, 3};
            BareItem.ByteSequence sequence = new BareItem.ByteSequence(bytes);
            bytes[0] = 9;
            sequence.value()[1] = 9;
            assertThat(sequence.value()).containsExactly(1, 2, 3);
        }

        @Test
        void equalsByContent() {
            BareItem.ByteSequence a = new BareItem.ByteSequence(new byte[] {1, 2});
            BareItem.ByteSequence b = new BareItem.ByteSequence(new byte[] {1, 2});
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(new BareItem.ByteSequence(new byte[] {1}));
            assertThat(a).isNotEqualTo(new BareItem.Token("AQI"));
            assertThat(a).hasToString("ByteSequence[:AQI=:]");
        }
    }

    @Nested
    class BooleanItem {
        @Test
        void serializesAsQuestionMarkOneOrZero() {
            assertThat(BareItem.Boolean.TRUE.serialize()).isEqualTo("?1");
            assertThat(BareItem.Boolean.FALSE.serialize()).isEqualTo("?0");
            assertThat(BareItem.Boolean.of(true)).isSameAs(BareItem.Boolean.TRUE);
            assertThat(BareItem.Boolean.of(false)).isEqualTo(new BareItem.Boolean(false));
        }
    }

    @Nested
    class DateItem {
        @Test
        void serializesAsAtAndEpochSeconds() {
            assertThat(new BareItem.Date(1659578233).serialize()).isEqualTo("@1659578233");
            assertThat(new BareItem.Date(-62135596800L).serialize()).isEqualTo("@-62135596800");
        }

        @Test
        void convertsToAndFromInstant() {
            Instant instant = Instant.parse("2022-08-04T01:57:13.999Z");
            assertThat(BareItem.Date.of(instant)).isEqualTo(new BareItem.Date(1659578233));
            assertThat(new BareItem.Date(1659578233).toInstant()).isEqualTo("2022-08-04T01:57:13Z");
            assertThat(new BareItem.Date(BareItem.Integer.MAX_VALUE).toInstant().getEpochSecond())
                    .isEqualTo(BareItem.Integer.MAX_VALUE);
        }

        @ParameterizedTest
        @ValueSource(longs = {1_000_000_000_000_000L, -1_000_000_000_000_000L})
        void rejectsValuesOutsideTheIntegerRange(long value) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BareItem.Date(value))
                    .withMessageContaining("outside the range");
        }
    }

    @Nested
    class DisplayStringItem {
        @Test
        void percentEncodesUtf8BytesPercentAndQuoteInLowercaseHex() {
            assertThat(new BareItem.DisplayString("f\u00fc\u00fc").serialize()).isEqualTo("%\"f%c3%bc%c3%bc\"");
            assertThat(new BareItem.DisplayString("100% \"sure\"").serialize()).isEqualTo("%\"100%25 %22sure%22\"");
            assertThat(new BareItem.DisplayString("tab\t\u007f").serialize()).isEqualTo("%\"tab%09%7f\"");
            assertThat(new BareItem.DisplayString("\\ and ' stay").serialize()).isEqualTo("%\"\\ and ' stay\"");
            assertThat(new BareItem.DisplayString("\ud83d\ude00").serialize()).isEqualTo("%\"%f0%9f%98%80\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\ud83d", "\ud83da", "a\ude00b", "\ude00\ud83d"})
        void rejectsUnpairedSurrogates(String value) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new BareItem.DisplayString(value))
                    .withMessageContaining("unpaired surrogate");
        }
    }

    @Test
    void rejectsNullValuesNamingTheParameter() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BareItem.String(null))
                .withMessage("value must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> new BareItem.Token(null));
        assertThatIllegalArgumentException().isThrownBy(() -> new BareItem.Decimal(null));
        assertThatIllegalArgumentException().isThrownBy(() -> new BareItem.ByteSequence(null));
        assertThatIllegalArgumentException().isThrownBy(() -> new BareItem.DisplayString(null));
        assertThatIllegalArgumentException().isThrownBy(() -> BareItem.Date.of(null));
    }
}
