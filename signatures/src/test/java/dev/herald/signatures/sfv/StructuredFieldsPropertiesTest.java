package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the parser and serializer over generated input, a few thousand tries each. */
class StructuredFieldsPropertiesTest {
    private static final int TRIES = 2_000;
    private static final String SYNTAX = "()\"\\:;=,?@%*-._/!#$&'+^`|~[]{} \t0123456789abzAZ";
    private static final String TOKEN_CHARS = "abcxyzABCXYZ0189!#$%&'*+-.^_`|~:/";

    private static final List<Function<String, Object>> PARSERS =
            List.of(StructuredFields::parseItem, StructuredFields::parseList, StructuredFields::parseDictionary);

    @Property(tries = TRIES)
    void anyInputParsesOrFailsWithStructuredFieldException(@ForAll("hostileInput") String input) {
        for (Function<String, Object> parser : PARSERS) {
            Object parsed;
            try {
                parsed = parser.apply(input);
            } catch (StructuredFieldException expected) {
                assertThat(expected.offset()).isBetween(0, input.length());
                continue;
            }
            // what parses once serializes canonically, and the canonical form is stable
            String canonical = serialize(parsed);
            assertThat(parser.apply(canonical)).isEqualTo(parsed);
            assertThat(serialize(parser.apply(canonical))).isEqualTo(canonical);
        }
    }

    @Property(tries = TRIES)
    void generatedItemsSurviveSerializeAndParse(@ForAll("items") Item item) {
        String serialized = item.serialize();
        assertThat(StructuredFields.parseItem(serialized)).isEqualTo(item);
        assertThat(StructuredFields.parseItem(" " + serialized + " ").serialize())
                .isEqualTo(serialized);
    }

    @Property(tries = TRIES)
    void generatedListsSurviveSerializeAndParse(@ForAll("lists") SfList list) {
        assertThat(StructuredFields.parseList(list.serialize())).isEqualTo(list);
    }

    @Property(tries = TRIES)
    void generatedDictionariesSurviveSerializeAndParse(@ForAll("dictionaries") Dictionary dictionary) {
        assertThat(StructuredFields.parseDictionary(dictionary.serialize())).isEqualTo(dictionary);
    }

    private static String serialize(Object value) {
        if (value instanceof Item item) {
            return item.serialize();
        }
        return value instanceof SfList list ? list.serialize() : ((Dictionary) value).serialize();
    }

    // Hostile input: anything at all, syntax-dense noise, long runs of one fragment, and valid fields with
    // one character changed.

    @Provide
    Arbitrary<String> hostileInput() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars(SYNTAX).ofMaxLength(80),
                longRuns(),
                mutated());
    }

    private Arbitrary<String> longRuns() {
        Arbitrary<String> fragment =
                Arbitraries.of("(", "\"", "\\", ":", "1", "9.", "-", "%\"", "%", "@", "?", ";a", "a,", "(1 ", "\"\\");
        return Combinators.combine(fragment, Arbitraries.integers().between(1, 20_000), Arbitraries.of("", "a=", "("))
                .as((text, times, prefix) -> prefix + text.repeat(times));
    }

    private Arbitrary<String> mutated() {
        Arbitrary<String> valid = Arbitraries.oneOf(
                items().map(Item::serialize),
                lists().map(SfList::serialize),
                dictionaries().map(Dictionary::serialize));
        Arbitrary<Character> replacement = Arbitraries.oneOf(
                Arbitraries.chars().with(SYNTAX.toCharArray()),
                Arbitraries.chars().all());
        return Combinators.combine(valid, Arbitraries.integers().between(0, 1000), replacement, Arbitraries.of(0, 1, 2))
                .as((text, at, c, edit) -> {
                    int i = text.isEmpty() ? 0 : at % text.length();
                    String before = text.substring(0, i);
                    String after = text.isEmpty() ? "" : text.substring(i + (edit == 2 ? 0 : 1));
                    return edit == 0 ? before + after : before + c + after; // delete, replace, insert
                });
    }

    // Valid values, built through the public API.

    @Provide
    Arbitrary<Item> items() {
        return Combinators.combine(bareItems(), parameters()).as(Item::new);
    }

    @Provide
    Arbitrary<SfList> lists() {
        return listMembers().list().ofMaxSize(5).map(SfList::new);
    }

    @Provide
    Arbitrary<Dictionary> dictionaries() {
        return Combinators.combine(keys(), listMembers())
                .as((key, value) -> new Entry<>(key, value))
                .list()
                .ofMaxSize(5)
                .map(entries -> {
                    Dictionary.Builder builder = Dictionary.builder();
                    entries.forEach(entry -> builder.put(entry.key(), entry.value()));
                    return builder.build();
                });
    }

    private Arbitrary<ListMember> listMembers() {
        Arbitrary<InnerList> innerLists =
                Combinators.combine(items().list().ofMaxSize(4), parameters()).as(InnerList::new);
        return Arbitraries.oneOf(items(), innerLists);
    }

    private Arbitrary<Parameters> parameters() {
        return Combinators.combine(keys(), bareItems())
                .as((key, value) -> new Entry<>(key, value))
                .list()
                .ofMaxSize(3)
                .map(entries -> {
                    Parameters.Builder builder = Parameters.builder();
                    entries.forEach(entry -> builder.put(entry.key(), entry.value()));
                    return builder.build();
                });
    }

    private Arbitrary<String> keys() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').with('*');
        Arbitrary<String> rest = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars("0123456789_-.*")
                .ofMaxLength(6);
        return Combinators.combine(first, rest).as((c, s) -> c + s);
    }

    private Arbitrary<BareItem> bareItems() {
        return Arbitraries.oneOf(
                Arbitraries.longs()
                        .between(BareItem.Integer.MIN_VALUE, BareItem.Integer.MAX_VALUE)
                        .map(BareItem.Integer::new),
                decimals().map(BareItem.Decimal::new),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20).map(BareItem.String::new),
                tokens().map(BareItem.Token::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(BareItem.ByteSequence::new),
                Arbitraries.of(BareItem.Boolean.TRUE, BareItem.Boolean.FALSE),
                Arbitraries.longs()
                        .between(BareItem.Integer.MIN_VALUE, BareItem.Integer.MAX_VALUE)
                        .map(BareItem.Date::new),
                unicodeText().map(BareItem.DisplayString::new));
    }

    private Arbitrary<BigDecimal> decimals() {
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals()
                        .between(new BigDecimal("-999999999999.999"), new BigDecimal("999999999999.999"))
                        .ofScale(3),
                // more fraction digits than allowed: the constructor rounds them half-even
                Arbitraries.bigDecimals()
                        .between(new BigDecimal("-1000"), new BigDecimal("1000"))
                        .ofScale(6));
    }

    private Arbitrary<String> tokens() {
        Arbitrary<Character> first = Arbitraries.chars().alpha().with('*');
        Arbitrary<String> rest = Arbitraries.strings().withChars(TOKEN_CHARS).ofMaxLength(10);
        return Combinators.combine(first, rest).as((c, s) -> c + s);
    }

    private Arbitrary<String> unicodeText() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7f),
                Arbitraries.of((int) '%', (int) '"'),
                Arbitraries.integers().between(0x80, 0x10ffff).filter(cp -> cp < 0xd800 || cp > 0xdfff));
        return codePoint.list().ofMaxSize(12).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    private record Entry<V>(String key, V value) {}
}
