package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.signatures.sfv.Item;
import dev.herald.signatures.sfv.StructuredFieldException;
import dev.herald.signatures.sfv.StructuredFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 9421 §2.1–2.2 component examples: each message gives exactly the printed signature base lines. */
class Rfc9421ComponentExamplesTest {
    static Stream<JsonObject> examples() {
        return TestMessages.json("rfc9421/rfc9421-component-examples.json").getJsonArray("examples").stream()
                .map(JsonValue::asJsonObject);
    }

    @Test
    void thereAreTwentyFourExamples() {
        assertThat(examples().count()).isEqualTo(24);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("examples")
    void producesThePrintedLines(JsonObject example) {
        String scheme = example.getString("context", "").contains("plain HTTP") ? "http" : "https";
        HttpMessage message = TestMessages.raw(example.getString("message"), scheme);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (JsonValue value : example.getJsonArray("expected_signature_base_lines")) {
            String line = ((JsonString) value).getString();
            Optional<Item> component = identifier(line);
            if (component.isEmpty()) {
                continue; // a continuation of the invalid multi-line example
            }
            String name =
                    ((dev.herald.signatures.sfv.BareItem.String) component.get().value()).value();
            if (name.startsWith("@signature-")) {
                continue; // the signature parameters line, checked with the full vectors
            }
            expected.add(line);
            actual.add(component.get().serialize() + ": "
                    + SignatureBase.value(component.get(), message, Optional.empty()));
        }
        assertThat(expected).isNotEmpty();
        if (example.getBoolean("valid")) {
            assertThat(actual).isEqualTo(expected);
        } else {
            // RFC 9421 §2.2.8: values must be re-encoded; the raw form may never appear in a base.
            assertThat(actual).isNotEqualTo(expected);
            assertThat(String.join("\n", actual)).doesNotContain("\n multiline").matches("\\p{ASCII}*");
        }
    }

    /** The component identifier at the start of a base line: the longest prefix before ": " that parses. */
    private static Optional<Item> identifier(String line) {
        int at = line.indexOf(": ");
        while (at > 0) {
            try {
                Item item = StructuredFields.parseItem(line.substring(0, at));
                if (item.value() instanceof dev.herald.signatures.sfv.BareItem.String) {
                    return Optional.of(item);
                }
            } catch (StructuredFieldException e) {
                // not yet the end of the identifier
            }
            at = line.indexOf(": ", at + 1);
        }
        return Optional.empty();
    }
}
