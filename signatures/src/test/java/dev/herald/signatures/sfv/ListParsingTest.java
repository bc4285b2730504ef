package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** List fields with Inner Lists and parameters, after RFC 9651 §4.2.1 and the httpwg list cases. */
class ListParsingTest {

    static Stream<Arguments> canonicalization() {
        return Stream.of(
                arguments("1, 42", "1, 42"),
                arguments("  42, 43", "42, 43"),
                arguments("42", "42"),
                arguments("1,42", "1, 42"),
                arguments("1 , 42", "1, 42"),
                arguments("1\t,\t42", "1, 42"),
                arguments("1 ,\t 42  ", "1, 42"),
                arguments("(1 2), (42 43)", "(1 2), (42 43)"),
                arguments("(42)", "(42)"),
                arguments("()", "()"),
                arguments("(1),(),(42)", "(1), (), (42)"),
                arguments("(  1  42  )", "(1 42)"),
                arguments("( )", "()"),
                arguments("abc_123;a=1;b=2; cdef_456, ghi;q=9;r=\"+w\"", "abc_123;a=1;b=2;cdef_456, ghi;q=9;r=\"+w\""),
                arguments("text/html;q=1.0", "text/html;q=1.0"),
                arguments("text/html;a;q=1.0", "text/html;a;q=1.0"),
                arguments("text/html,text/plain;q=0.5", "text/html, text/plain;q=0.5"),
                arguments("text/html, text/plain; q=0.5", "text/html, text/plain;q=0.5"),
                arguments(
                        "text/html  ,  text/plain;  q=0.5;  charset=utf-8",
                        "text/html, text/plain;q=0.5;charset=utf-8"),
                arguments("a;b=1;c=2;b=3", "a;b=3;c=2"),
                arguments("a;m;z;t", "a;m;z;t"),
                arguments("(abc_123);a=1;b=2, cdef_456", "(abc_123);a=1;b=2, cdef_456"),
                arguments("(abc_123;a=1;b=2;cdef_456)", "(abc_123;a=1;b=2;cdef_456)"),
                arguments("(abc_123;a=1;b=2);cdef_456", "(abc_123;a=1;b=2);cdef_456"),
                arguments(
                        "(\"foo\"; a=1;b=2);lvl=5, (\"bar\" \"baz\");lvl=1",
                        "(\"foo\";a=1;b=2);lvl=5, (\"bar\" \"baz\");lvl=1"),
                arguments(
                        "abc;a=1;b=2; cde_456, (ghi;jk=4 l);q=\"9\";r=w",
                        "abc;a=1;b=2;cde_456, (ghi;jk=4 l);q=\"9\";r=w"),
                arguments(
                        "\"foo\", \"bar\", \"It was the best of times.\"",
                        "\"foo\", \"bar\", \"It was the best of times.\""),
                arguments("123456789012345, 1", "123456789012345, 1"),
                arguments("123456789012.123, 1.1", "123456789012.123, 1.1"));
    }

    @ParameterizedTest
    @MethodSource("canonicalization")
    void parsesAndSerializesCanonically(String raw, String canonical) {
        SfList list = StructuredFields.parseList(raw);
        assertThat(list.serialize()).isEqualTo(canonical);
        assertThat(StructuredFields.parseList(canonical)).isEqualTo(list);
    }

    @Test
    void buildsTheMembersTheRfcDescribes() {
        SfList list = StructuredFields.parseList("sugar, tea;q=0.5, (\"a\" b);x, ()");
        assertThat(list.members())
                .containsExactly(
                        Item.token("sugar"),
                        Item.token("tea").withParameter("q", new BareItem.Decimal(new java.math.BigDecimal("0.5"))),
                        InnerList.of(Item.string("a"), Item.token("b")).withParameter("x", BareItem.Boolean.TRUE),
                        InnerList.of());
    }

    @Test
    void anEmptyFieldIsTheEmptyList() {
        assertThat(StructuredFields.parseList("")).isEqualTo(SfList.EMPTY);
        assertThat(StructuredFields.parseList("   ")).isEqualTo(SfList.EMPTY);
        assertThat(StructuredFields.parseList(List.of())).isEqualTo(SfList.EMPTY);
    }

    @Test
    void combinesFieldLinesWithACommaAndSpace() {
        assertThat(StructuredFields.parseList(List.of("1", "42")).serialize()).isEqualTo("1, 42");
        assertThat(StructuredFields.parseList(List.of("text/html", "text/plain;q=0.5"))
                        .serialize())
                .isEqualTo("text/html, text/plain;q=0.5");
        assertThat(StructuredFields.parseList(List.of("foo", "bar")))
                .isEqualTo(SfList.of(Item.token("foo"), Item.token("bar")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1, 42,",
                "1,,42",
                ",1",
                "1;",
                "1 2",
                "(1\t 42)",
                "(1 42",
                "(1 2, (42 43)",
                "(abc\"def\"?0123*dXZ3*xyz)",
                "(",
                "((1))",
                "(a=1)",
                "(1)(2)",
                "(1) (2)",
                "text/html, text/plain;q =0.5",
                "text/html, text/plain;q= 0.5",
                "text/html, text/plain ;q=0.5",
                "text/html,text/plain;q=0.5,",
                "text/html,,text/plain;q=0.5,",
                "a;b=1;",
                "a;b=1; ",
                "a;=1",
                "a;",
                "a; ",
                "a;B=1",
                "\t1",
                "1,\u00e9"
            })
    void rejectsMalformedLists(String raw) {
        assertThatThrownBy(() -> StructuredFields.parseList(raw)).isInstanceOf(StructuredFieldException.class);
    }

    @Test
    void anEmptyFieldLineAmongOthersIsAnEmptyMember() {
        assertThatThrownBy(() -> StructuredFields.parseList(List.of("1", "", "42")))
                .isInstanceOf(StructuredFieldException.class)
                .hasMessage("expected an item, found ',' at offset 3");
    }

    @Test
    void reportsWhatWasExpectedAndWhere() {
        assertThatThrownBy(() -> StructuredFields.parseList("1, 42,"))
                .hasMessage("expected a member after ',' at offset 6");
        assertThatThrownBy(() -> StructuredFields.parseList("(1\t 42)"))
                .hasMessage("expected ' ' or ')' in inner list at offset 2");
        assertThatThrownBy(() -> StructuredFields.parseList("foo, (1 42"))
                .hasMessage("inner list opened at offset 5 is not closed at offset 10");
        assertThatThrownBy(() -> StructuredFields.parseList("a;=1"))
                .hasMessage("expected a key (a lowercase letter or '*'), found '=' at offset 2");
        assertThatThrownBy(() -> StructuredFields.parseList("a;"))
                .hasMessage("expected a key (a lowercase letter or '*'), found end of input at offset 2");
    }
}
