package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StructuredFieldsTest {

    /** The examples in the text of RFC 9651 §2 and §3, parsed to the values the RFC describes, and back. */
    @Nested
    class Rfc9651Examples {
        @Test
        void fooExampleItemWithAParameter() {
            Item item = StructuredFields.parseItem("2; foourl=\"https://foo.example.com/\"");
            assertThat(item)
                    .isEqualTo(
                            Item.integer(2).withParameter("foourl", new BareItem.String("https://foo.example.com/")));
            assertThat(item.serialize()).isEqualTo("2;foourl=\"https://foo.example.com/\"");
        }

        @Test
        void listOfTokensOnOneLineOrTwo() {
            SfList expected = SfList.of(Item.token("sugar"), Item.token("tea"), Item.token("rum"));
            assertThat(StructuredFields.parseList("sugar, tea, rum")).isEqualTo(expected);
            assertThat(StructuredFields.parseList(List.of("sugar, tea", "rum"))).isEqualTo(expected);
            assertThat(StructuredFields.serialize(expected)).isEqualTo("sugar, tea, rum");
        }

        @Test
        void listOfInnerListsOfStrings() {
            SfList expected = SfList.of(
                    InnerList.of(Item.string("foo"), Item.string("bar")),
                    InnerList.of(Item.string("baz")),
                    InnerList.of(Item.string("bat"), Item.string("one")),
                    InnerList.of());
            String field = "(\"foo\" \"bar\"), (\"baz\"), (\"bat\" \"one\"), ()";
            assertThat(StructuredFields.parseList(field)).isEqualTo(expected);
            assertThat(expected.serialize()).isEqualTo(field);
        }

        @Test
        void innerListsWithParametersOnItemsAndLists() {
            SfList expected = SfList.of(
                    InnerList.of(Item.string("foo")
                                    .withParameters(
                                            Parameters.of("a", new BareItem.Integer(1), "b", new BareItem.Integer(2))))
                            .withParameter("lvl", new BareItem.Integer(5)),
                    InnerList.of(Item.string("bar"), Item.string("baz")).withParameter("lvl", new BareItem.Integer(1)));
            SfList parsed = StructuredFields.parseList("(\"foo\"; a=1;b=2);lvl=5, (\"bar\" \"baz\");lvl=1");
            assertThat(parsed).isEqualTo(expected);
            assertThat(parsed.serialize()).isEqualTo("(\"foo\";a=1;b=2);lvl=5, (\"bar\" \"baz\");lvl=1");
        }

        @Test
        void parametersOnTokensAndInnerLists() {
            SfList parsed = StructuredFields.parseList("abc;a=1;b=2; cde_456, (ghi;jk=4 l);q=\"9\";r=w");
            assertThat(parsed.members().get(0))
                    .isEqualTo(Item.token("abc")
                            .withParameters(Parameters.of(
                                    "a", new BareItem.Integer(1),
                                    "b", new BareItem.Integer(2),
                                    "cde_456", BareItem.Boolean.TRUE)));
            assertThat(parsed.members().get(1))
                    .isEqualTo(InnerList.of(
                                    Item.token("ghi").withParameter("jk", new BareItem.Integer(4)), Item.token("l"))
                            .withParameters(
                                    Parameters.of("q", new BareItem.String("9"), "r", new BareItem.Token("w"))));
            assertThat(parsed.serialize()).isEqualTo("abc;a=1;b=2;cde_456, (ghi;jk=4 l);q=\"9\";r=w");
        }

        @Test
        void integerWithBooleanParameters() {
            Item item = StructuredFields.parseItem("1; a; b=?0");
            assertThat(item)
                    .isEqualTo(Item.integer(1)
                            .withParameters(Parameters.of("a", BareItem.Boolean.TRUE, "b", BareItem.Boolean.FALSE)));
            assertThat(item.serialize()).isEqualTo("1;a;b=?0");
        }

        @Test
        void dictionaryOfStringAndByteSequence() {
            Dictionary parsed = StructuredFields.parseDictionary("en=\"Applepie\", da=:w4ZibGV0w6ZydGU=:");
            assertThat(parsed.get("en")).contains(Item.string("Applepie"));
            assertThat(parsed.get("da"))
                    .contains(Item.byteSequence("\u00c6blet\u00e6rte".getBytes(StandardCharsets.UTF_8)));
            assertThat(parsed.serialize()).isEqualTo("en=\"Applepie\", da=:w4ZibGV0w6ZydGU=:");
        }

        @Test
        void dictionaryWithBooleanValues() {
            Dictionary parsed = StructuredFields.parseDictionary("a=?0, b, c; foo=bar");
            assertThat(parsed)
                    .isEqualTo(Dictionary.builder()
                            .put("a", Item.bool(false))
                            .put("b", Item.bool(true))
                            .put("c", Item.bool(true).withParameter("foo", new BareItem.Token("bar")))
                            .build());
            assertThat(parsed.serialize()).isEqualTo("a=?0, b, c;foo=bar");
        }

        @Test
        void dictionaryWithDecimalAndInnerList() {
            Dictionary parsed = StructuredFields.parseDictionary("rating=1.5, feelings=(joy sadness)");
            assertThat(parsed)
                    .isEqualTo(Dictionary.of(
                            "rating", Item.decimal(new BigDecimal("1.5")),
                            "feelings", InnerList.of(Item.token("joy"), Item.token("sadness"))));
            assertThat(StructuredFields.serialize(parsed)).isEqualTo("rating=1.5, feelings=(joy sadness)");
        }

        @Test
        void dictionaryMixingItemsInnerListsAndParameters() {
            String field = "a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid";
            Dictionary parsed = StructuredFields.parseDictionary(field);
            assertThat(parsed.get("c")).contains(Item.integer(4).withParameter("aa", new BareItem.Token("bb")));
            assertThat(parsed.get("d"))
                    .contains(InnerList.of(Item.integer(5), Item.integer(6))
                            .withParameter("valid", BareItem.Boolean.TRUE));
            assertThat(parsed.serialize()).isEqualTo(field);
        }

        @Test
        void dictionaryOnOneLineOrTwo() {
            Dictionary expected = Dictionary.of("foo", Item.integer(1), "bar", Item.integer(2));
            assertThat(StructuredFields.parseDictionary("foo=1, bar=2")).isEqualTo(expected);
            assertThat(StructuredFields.parseDictionary(List.of("foo=1", "bar=2")))
                    .isEqualTo(expected);
        }

        @Test
        void oneItemOfEachType() {
            assertThat(StructuredFields.parseItem("5")).isEqualTo(Item.integer(5));
            assertThat(StructuredFields.parseItem("5; foo=bar"))
                    .isEqualTo(Item.integer(5).withParameter("foo", new BareItem.Token("bar")));
            assertThat(StructuredFields.parseItem("42")).isEqualTo(Item.integer(42));
            assertThat(StructuredFields.parseItem("4.5")).isEqualTo(Item.decimal(new BigDecimal("4.5")));
            assertThat(StructuredFields.parseItem("\"hello world\"")).isEqualTo(Item.string("hello world"));
            assertThat(StructuredFields.parseItem("foo123/456")).isEqualTo(Item.token("foo123/456"));
            assertThat(StructuredFields.parseItem(":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:"))
                    .isEqualTo(
                            Item.byteSequence("pretend this is binary content.".getBytes(StandardCharsets.US_ASCII)));
            assertThat(StructuredFields.parseItem("?1")).isEqualTo(Item.bool(true));
            assertThat(StructuredFields.parseItem("@1659578233")).isEqualTo(Item.date(1659578233));
            String display = "%\"This is intended for display to %c3%bc%c3%b1%c3%ae%c3%a7%c3%b8%c3%b0%c3%a9 users.\"";
            assertThat(StructuredFields.parseItem(display))
                    .isEqualTo(Item.displayString(
                            "This is intended for display to \u00fc\u00f1\u00ee\u00e7\u00f8\u00f0\u00e9 users."));
            assertThat(StructuredFields.serialize(StructuredFields.parseItem(display)))
                    .isEqualTo(display);
        }
    }

    @Nested
    class FieldEdges {
        @Test
        void trimsSpacesAroundTheWholeField() {
            assertThat(StructuredFields.parseItem("  1  ")).isEqualTo(Item.integer(1));
            assertThat(StructuredFields.parseList("  a, b  ").serialize()).isEqualTo("a, b");
            assertThat(StructuredFields.parseDictionary("  a=1  ").serialize()).isEqualTo("a=1");
        }

        @ParameterizedTest
        @ValueSource(strings = {" \t 1", "1 \t ", "\t1", "1\t", "1\r\n", "\n1"})
        void allowsOnlySpacesAroundAnItemField(String raw) {
            assertThatThrownBy(() -> StructuredFields.parseItem(raw)).isInstanceOf(StructuredFieldException.class);
        }

        @Test
        void anEmptyItemFieldIsAnError() {
            assertThatThrownBy(() -> StructuredFields.parseItem(""))
                    .isInstanceOf(StructuredFieldException.class)
                    .hasMessage("expected an item, found end of input at offset 0");
            assertThatThrownBy(() -> StructuredFields.parseItem(List.of()))
                    .isInstanceOf(StructuredFieldException.class);
        }

        @Test
        void itemFieldLinesAreJoinedSoAStringMaySpanThem() {
            assertThat(StructuredFields.parseItem(List.of("\"foo", "bar\""))).isEqualTo(Item.string("foo, bar"));
            assertThat(StructuredFields.parseItem(List.of("%\"foo", "bar\"")))
                    .isEqualTo(Item.displayString("foo, bar"));
            assertThat(StructuredFields.parseItem(List.of(" 1 "))).isEqualTo(Item.integer(1));
            assertThatThrownBy(() -> StructuredFields.parseItem(List.of("1", "2")))
                    .hasMessage("expected end of input at offset 1");
        }

        @Test
        void rejectsNonAsciiNamingTheCharacterAndOffset() {
            assertThatThrownBy(() -> StructuredFields.parseItem("\"caf\u00e9\""))
                    .isInstanceOf(StructuredFieldException.class)
                    .hasMessage("non-ASCII character U+00E9 in field value at offset 4");
            assertThatThrownBy(() -> StructuredFields.parseList("a, \ud83d\ude00"))
                    .hasMessage("non-ASCII character U+D83D in field value at offset 3");
            assertThatThrownBy(() -> StructuredFields.parseDictionary("a=1, b=\u0080"))
                    .hasMessage("non-ASCII character U+0080 in field value at offset 7");
        }

        @Test
        void rejectsNullArgumentsAsMisuse() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> StructuredFields.parseItem((String) null))
                    .isNotInstanceOf(StructuredFieldException.class)
                    .withMessage("fieldValue must not be null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> StructuredFields.parseList((List<String>) null))
                    .withMessage("fieldLines must not be null");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> StructuredFields.parseDictionary(Arrays.asList("a", null)))
                    .withMessage("field line must not be null");
            assertThatIllegalArgumentException().isThrownBy(() -> StructuredFields.serialize((Item) null));
            assertThatIllegalArgumentException().isThrownBy(() -> StructuredFields.serialize((SfList) null));
            assertThatIllegalArgumentException().isThrownBy(() -> StructuredFields.serialize((Dictionary) null));
        }
    }

    @Nested
    class ErrorsForALogReader {
        @Test
        void carryTheReasonAndTheZeroBasedOffset() {
            StructuredFieldException e =
                    (StructuredFieldException) catchThrowable(() -> StructuredFields.parseList("sugar, tea rum"));
            assertThat(e.reason()).isEqualTo("expected ',' or end of input");
            assertThat(e.offset()).isEqualTo(11);
            assertThat(e)
                    .hasMessage("expected ',' or end of input at offset 11")
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void nameTheCharacterFound() {
            assertThatThrownBy(() -> StructuredFields.parseItem("[1]"))
                    .hasMessage("expected an item, found '[' at offset 0");
            assertThatThrownBy(() -> StructuredFields.parseItem("\"a\tb\""))
                    .hasMessage("string has U+0009; only printable ASCII is allowed at offset 2");
            assertThatThrownBy(() -> StructuredFields.parseItem(":aGV$sbG8=:"))
                    .hasMessage("byte sequence has '$'; only base64 is allowed at offset 4");
            assertThatThrownBy(() -> StructuredFields.parseItem("?2"))
                    .hasMessage("expected '0' or '1' after '?' at offset 1");
        }

        @Test
        void pointAtTheEndForUnclosedValues() {
            assertThatThrownBy(() -> StructuredFields.parseItem("\"abc"))
                    .hasMessage("string opened at offset 0 is not closed at offset 4");
            assertThatThrownBy(() -> StructuredFields.parseItem("1;b=:abc"))
                    .hasMessage("byte sequence opened at offset 4 is not closed at offset 8");
            assertThatThrownBy(() -> StructuredFields.parseItem("%\"abc"))
                    .hasMessage("display string opened at offset 0 is not closed at offset 5");
        }
    }

    /** Hostile input must fail fast with StructuredFieldException, or parse in linear time. */
    @Nested
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    class PathologicalInput {
        private static final int HUGE = 2_000_000;

        @ParameterizedTest
        @ValueSource(strings = {"(", "\"", "\\", ":", "%", "%\"", "@", "-", "?", ";", "=", ",", "a;", "(1 "})
        void longRunsOfOneFragmentFailWithStructuredFieldException(String fragment) {
            String input = fragment.repeat(HUGE / fragment.length());
            for (String field : List.of(input, "a=" + input, "(" + input, "\"" + input)) {
                assertThatThrownBy(() -> StructuredFields.parseItem(field))
                        .isInstanceOf(StructuredFieldException.class);
                assertThatThrownBy(() -> StructuredFields.parseList(field))
                        .isInstanceOf(StructuredFieldException.class);
                assertThatThrownBy(() -> StructuredFields.parseDictionary(field))
                        .isInstanceOf(StructuredFieldException.class);
            }
        }

        @Test
        void longDigitRunsStopAtTheDigitLimit() {
            String digits = "1".repeat(HUGE);
            assertThatThrownBy(() -> StructuredFields.parseItem(digits))
                    .hasMessage("integer has more than 15 digits at offset 15");
            assertThatThrownBy(() -> StructuredFields.parseItem("1." + digits))
                    .hasMessage("decimal has more than 3 fraction digits at offset 5");
        }

        @Test
        void parsesHugeValidFieldsInLinearTime() {
            int members = 200_000;
            String list = "a;b=1, ".repeat(members - 1) + "a;b=1";
            assertThat(StructuredFields.parseList(list).members()).hasSize(members);
            String params = "x" + ";p".repeat(members);
            assertThat(StructuredFields.parseItem(params).parameters().size()).isEqualTo(1);
            String inner = "(" + "1 ".repeat(members) + ")";
            assertThat(((InnerList) StructuredFields.parseList(inner).members().get(0)).items())
                    .hasSize(members);
            String bytes = ":" + "AAAA".repeat(members) + ":";
            assertThat(StructuredFields.parseItem(bytes).serialize()).isEqualTo(bytes);
            String strings = "\"\\\\\", ".repeat(members - 1) + "%\"%c3%bc\"";
            assertThat(StructuredFields.parseList(strings).members()).hasSize(members);
            StringBuilder dictionary = new StringBuilder();
            for (int i = 0; i < members; i++) {
                dictionary.append(i == 0 ? "" : ", ").append('k').append(i).append("=:AQ==:");
            }
            assertThat(StructuredFields.parseDictionary(dictionary.toString()).size())
                    .isEqualTo(members);
        }
    }
}
