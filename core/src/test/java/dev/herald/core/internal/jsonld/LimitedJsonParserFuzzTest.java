package dev.herald.core.internal.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.jsonld.InvalidDocumentException.Reason;
import dev.herald.core.jsonld.ReaderSettings;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Fuzzes the inbox's streaming JSON parser against the JSON-P reader it wraps (docs/fuzzing.md), with small limits
 * so that every limit is reached. The oracle: {@link LimitedJsonParser#parse(byte[])} returns an object or throws
 * {@link InvalidDocumentException}; any other throwable is a finding. It agrees with a plain {@link JsonReader}:
 * what it accepts is the same object, and an object within the limits that the plain reader reads, it accepts. The
 * stream form reaches the same verdict as the byte form.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs in {@code LimitedJsonParserFuzzTestInputs/parse} (test
 * resources) and the empty input, as a regression test.
 */
class LimitedJsonParserFuzzTest {
    private static final ReaderSettings LIMITS = ReaderSettings.builder()
            .maxDocumentBytes(2048)
            .maxDepth(6)
            .maxElements(12)
            .maxStringLength(48)
            .build();
    private static final LimitedJsonParser PARSER = new LimitedJsonParser(LIMITS);
    private static final Set<Reason> LIMIT_REASONS =
            EnumSet.of(Reason.TOO_LARGE, Reason.TOO_DEEP, Reason.TOO_MANY_ELEMENTS, Reason.STRING_TOO_LONG);

    @FuzzTest
    void parse(byte[] input) {
        JsonObject limited = null;
        InvalidDocumentException refused = null;
        try {
            limited = PARSER.parse(input);
        } catch (InvalidDocumentException e) {
            refused = e;
        }
        try {
            JsonObject streamed = PARSER.parse(new ByteArrayInputStream(input));
            assertThat(refused)
                    .as("the stream form accepted what the byte form refused")
                    .isNull();
            assertThat(streamed).isEqualTo(limited);
        } catch (InvalidDocumentException e) {
            assertThat(refused)
                    .as("the stream form refused what the byte form accepted: %s", e)
                    .isNotNull();
            assertThat(e.reason()).isEqualTo(refused.reason());
        }

        JsonValue plain = plainRead(input);
        if (limited != null) {
            assertThat(plain).as("the plain reader's value").isEqualTo(limited);
            assertThat(withinLimits(input)).as("accepted beyond the limits").isTrue();
        } else if (plain instanceof JsonObject && input.length <= LIMITS.maxDocumentBytes()) {
            if (withinLimits(input)) {
                assertThat(refused.reason())
                        .as("refused an object within the limits: %s", refused)
                        .isNotIn(LIMIT_REASONS);
            } else {
                assertThat(refused.reason())
                        .as("refused beyond the limits: %s", refused)
                        .isIn(LIMIT_REASONS);
            }
        }
    }

    /** The plain JSON-P reading, or null when it fails. */
    private static JsonValue plainRead(byte[] input) {
        try (JsonReader reader = LimitedJsonParser.PROVIDER
                .createReaderFactory(Map.of())
                .createReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8)) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException | NoSuchElementException | NumberFormatException e) {
            return null;
        }
    }

    /**
     * The limits worked out independently from JSON-P's events: nesting depth (the top-level object is 1), entries
     * per object or array (duplicate keys count), and the length of every key and string. Only for well-formed input.
     */
    private static boolean withinLimits(byte[] input) {
        Deque<int[]> entries = new ArrayDeque<>();
        try (JsonParser parser = LimitedJsonParser.PROVIDER
                .createParserFactory(Map.of())
                .createParser(new ByteArrayInputStream(input), StandardCharsets.UTF_8)) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case KEY_NAME:
                        if (parser.getString().length() > LIMITS.maxStringLength()) {
                            return false;
                        }
                        break;
                    case END_OBJECT:
                    case END_ARRAY:
                        entries.pop();
                        break;
                    default:
                        if (!entries.isEmpty() && ++entries.peek()[0] > LIMITS.maxElements()) {
                            return false;
                        }
                        if (event == JsonParser.Event.VALUE_STRING
                                && parser.getString().length() > LIMITS.maxStringLength()) {
                            return false;
                        }
                        if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                            entries.push(new int[1]);
                            if (entries.size() > LIMITS.maxDepth()) {
                                return false;
                            }
                        }
                        break;
                }
            }
        } catch (JsonException trailingData) {
            // The plain reader took the object and ignored what follows; the object itself was within the limits.
        }
        return true;
    }
}
