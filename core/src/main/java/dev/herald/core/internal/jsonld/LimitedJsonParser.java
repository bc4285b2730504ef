package dev.herald.core.internal.jsonld;

import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.jsonld.InvalidDocumentException.Reason;
import dev.herald.core.jsonld.ReaderSettings;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Parses one JSON object from bytes, enforcing the reader's limits while streaming: the byte count,
 * nesting depth, entries per array or object, and string length. The tree is built with an explicit
 * stack, so a nesting bomb is refused at {@code maxDepth} instead of exhausting the thread's stack.
 * A document with a duplicate key in any object is refused: two readers of it (this one and whoever reads the stored
 * raw JSON later) could otherwise see two different actors, ids or types (RFC 7493 §2.3). The bytes must be
 * well-formed UTF-8: malformed sequences, overlong forms and encoded surrogates are refused, not replaced, so that the
 * text Herald stores is the text that was signed.
 *
 * <p>Stateless and thread-safe.
 */
public final class LimitedJsonParser {
    static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());
    static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());

    private final ReaderSettings settings;

    /** A parser enforcing {@code settings}' limits. */
    public LimitedJsonParser(ReaderSettings settings) {
        this.settings = settings;
    }

    /** Parses {@code json}, which must be one JSON object in UTF-8. */
    public JsonObject parse(byte[] json) {
        if (json.length > settings.maxDocumentBytes()) {
            throw tooLarge();
        }
        return parse(new ByteArrayInputStream(json), false);
    }

    /**
     * Parses one JSON object in UTF-8 from {@code in}, reading at most the byte limit plus one buffer.
     * Does not close {@code in}.
     */
    public JsonObject parse(InputStream in) {
        return parse(new BoundedStream(in, settings.maxDocumentBytes()), true);
    }

    private JsonObject parse(InputStream in, boolean bounded) {
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (JsonParser parser = PARSERS.createParser(new InputStreamReader(in, strict))) {
            return readRoot(parser);
        } catch (InvalidDocumentException e) {
            throw e;
        } catch (RuntimeException e) {
            if (bounded && ((BoundedStream) in).exceeded) {
                throw tooLarge();
            }
            // JsonParsingException, JsonException wrapping an IOException, NoSuchElementException on
            // empty input, NumberFormatException from a number the parser refused: all malformed JSON.
            throw new InvalidDocumentException(Reason.MALFORMED_JSON, describe(e), e);
        }
    }

    private JsonObject readRoot(JsonParser parser) {
        if (!parser.hasNext()) {
            throw new InvalidDocumentException(Reason.MALFORMED_JSON, "empty document");
        }
        JsonParser.Event first = parser.next();
        if (first != JsonParser.Event.START_OBJECT) {
            throw new InvalidDocumentException(
                    Reason.NOT_AN_OBJECT,
                    "an ActivityStreams document is a JSON object, this one starts with " + first);
        }
        JsonObject root = readObjectTree(parser);
        if (parser.hasNext()) {
            throw new InvalidDocumentException(Reason.MALFORMED_JSON, "data after the top-level object");
        }
        return root;
    }

    private JsonObject readObjectTree(JsonParser parser) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(BUILDERS.createObjectBuilder(), null));
        while (true) {
            JsonParser.Event event = parser.next();
            Frame top = stack.peek();
            switch (event) {
                case KEY_NAME:
                    top.key(checkedString(parser.getString(), "key"));
                    break;
                case START_OBJECT:
                case START_ARRAY:
                    if (stack.size() >= settings.maxDepth()) {
                        throw new InvalidDocumentException(
                                Reason.TOO_DEEP, "nesting deeper than " + settings.maxDepth() + " levels");
                    }
                    top.count(settings.maxElements());
                    stack.push(
                            event == JsonParser.Event.START_OBJECT
                                    ? new Frame(BUILDERS.createObjectBuilder(), null)
                                    : new Frame(null, BUILDERS.createArrayBuilder()));
                    break;
                case END_OBJECT:
                case END_ARRAY:
                    stack.pop();
                    JsonValue done = top.build();
                    if (stack.isEmpty()) {
                        return (JsonObject) done;
                    }
                    stack.peek().add(done);
                    break;
                case VALUE_STRING:
                    top.count(settings.maxElements());
                    top.add(PROVIDER.createValue(checkedString(parser.getString(), "string")));
                    break;
                default: // numbers, true, false, null
                    top.count(settings.maxElements());
                    top.add(parser.getValue());
                    break;
            }
        }
    }

    private String checkedString(String value, String what) {
        if (value.length() > settings.maxStringLength()) {
            throw new InvalidDocumentException(
                    Reason.STRING_TOO_LONG,
                    what + " of " + value.length() + " characters, more than " + settings.maxStringLength());
        }
        return value;
    }

    private InvalidDocumentException tooLarge() {
        return new InvalidDocumentException(
                Reason.TOO_LARGE, "document larger than " + settings.maxDocumentBytes() + " bytes");
    }

    private static String describe(RuntimeException e) {
        Throwable cause = e instanceof JsonException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return "not well-formed JSON" + (message == null ? "" : ": " + message);
    }

    /** One open object or array while building the tree. */
    private static final class Frame {
        private final JsonObjectBuilder object;
        private final JsonArrayBuilder array;
        private String key;
        private Set<String> keys;
        private int entries;

        Frame(JsonObjectBuilder object, JsonArrayBuilder array) {
            this.object = object;
            this.array = array;
        }

        void key(String name) {
            if (keys == null) {
                keys = new HashSet<>();
            }
            if (!keys.add(name)) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
                throw new InvalidDocumentException(
                        Reason.MALFORMED_JSON, "duplicate key '" + shown + "' in one object: which one counts?");
            }
            key = name;
        }

        void count(int maxElements) {
            if (++entries > maxElements) {
                throw new InvalidDocumentException(
                        Reason.TOO_MANY_ELEMENTS, "an array or object with more than " + maxElements + " entries");
            }
        }

        void add(JsonValue value) {
            if (object != null) {
                object.add(key, value);
            } else {
                array.add(value);
            }
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }

    /** Counts bytes and fails once more than the limit have been read. */
    private static final class BoundedStream extends FilterInputStream {
        private final long limit;
        private long count;
        boolean exceeded;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                check(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                check(n);
            }
            return n;
        }

        @Override
        public void close() {
            // The caller owns the stream: the parser closing it must not close theirs.
        }

        private void check(int n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("more than " + limit + " bytes");
            }
        }
    }
}
