package dev.herald.signatures.sfv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Fuzzes the RFC 9651 structured-field parser (docs/fuzzing.md): each input is parsed as an Item, a List and a
 * Dictionary. The oracle: each parse returns a value or throws {@link StructuredFieldException}; any other throwable
 * is a finding. A value that parses serializes to text that parses back to an equal value and serializes the same
 * again (RFC 9651 §4.1 output is canonical).
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs in {@code StructuredFieldsFuzzTestInputs/parse} (test resources)
 * and the empty input, as a regression test.
 */
class StructuredFieldsFuzzTest {
    @FuzzTest
    void parse(byte[] input) {
        // Field values are octets; ISO-8859-1 hands every byte to the parser as one character.
        String value = new String(input, StandardCharsets.ISO_8859_1);
        roundTrips(value, StructuredFields::parseItem, Item::serialize);
        roundTrips(value, StructuredFields::parseList, SfList::serialize);
        roundTrips(value, StructuredFields::parseDictionary, Dictionary::serialize);
    }

    private static <T> void roundTrips(String value, Function<String, T> parser, Function<T, String> serializer) {
        T parsed;
        try {
            parsed = parser.apply(value);
        } catch (StructuredFieldException expected) {
            assertThat(expected.offset()).isBetween(0, value.length());
            return;
        }
        String serialized = serializer.apply(parsed);
        T again = parser.apply(serialized);
        assertThat(again).as("parse(serialize(parse(%s)))", value).isEqualTo(parsed);
        assertThat(serializer.apply(again)).isEqualTo(serialized);
    }
}
