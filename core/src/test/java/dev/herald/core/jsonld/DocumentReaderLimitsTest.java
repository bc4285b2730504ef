package dev.herald.core.jsonld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.jsonld.InvalidDocumentException.Reason;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Hostile and broken input: every failure is an {@link InvalidDocumentException} with a reason. */
class DocumentReaderLimitsTest {
    private static final String FOLLOW = "{\"@context\":\"https://www.w3.org/ns/activitystreams\","
            + "\"id\":\"https://a.example/f/1\",\"type\":\"Follow\",\"actor\":\"https://a.example/u/1\","
            + "\"object\":\"https://b.example/u/2\"}";

    private final DocumentReader reader = DocumentReader.create();

    @Test
    void defaultsAreOneMebibyteAndSixtyFourLevels() {
        assertThat(reader.settings().maxDocumentBytes()).isEqualTo(1024 * 1024);
        assertThat(reader.settings().maxDepth()).isEqualTo(64);
    }

    @Test
    void refusesANestingBombWithoutExhaustingTheStack() {
        String bomb = "{\"type\":\"Note\",\"x\":" + "[".repeat(500_000) + "]".repeat(500_000) + "}";
        ReaderSettings big =
                ReaderSettings.builder().maxDocumentBytes(2_000_000).build();
        assertRefused(() -> DocumentReader.create(big).read(bomb), Reason.TOO_DEEP)
                .hasMessageContaining("64");
        assertRefused(() -> DocumentReader.create(big).read(new ByteArrayInputStream(utf8(bomb))), Reason.TOO_DEEP);
    }

    @Test
    void acceptsNestingUpToTheLimitAndNotBeyond() {
        ReaderSettings three = ReaderSettings.builder().maxDepth(3).build();
        String ok = "{\"type\":\"Note\",\"id\":\"https://a.example/n\",\"attributedTo\":\"https://a.example/u\","
                + "\"tag\":[{\"type\":\"Hashtag\",\"name\":\"#ok\"}]}";
        assertThat(DocumentReader.create(three).read(ok).object()).isNotNull();
        String tooDeep = "{\"a\":[[{}]]}";
        assertRefused(() -> DocumentReader.create(three).read(tooDeep), Reason.TOO_DEEP);
    }

    @Test
    void refusesOversizeDocumentsFromBytesAndStreams() {
        ReaderSettings small = ReaderSettings.builder().maxDocumentBytes(100).build();
        String large = "{\"type\":\"Note\",\"content\":\"" + "x".repeat(200) + "\"}";
        assertRefused(() -> DocumentReader.create(small).read(large), Reason.TOO_LARGE);
        CountingStream stream = new CountingStream(utf8(large + " ".repeat(1_000_000)));
        assertRefused(() -> DocumentReader.create(small).read(stream), Reason.TOO_LARGE);
        assertThat(stream.read).as("stops reading soon after the limit").isLessThan(100_000);
    }

    @Test
    void refusesTooManyEntriesAndTooLongStrings() {
        ReaderSettings tight =
                ReaderSettings.builder().maxElements(3).maxStringLength(10).build();
        assertRefused(() -> DocumentReader.create(tight).read("{\"to\":[1,2,3,4]}"), Reason.TOO_MANY_ELEMENTS);
        assertRefused(
                () -> DocumentReader.create(tight).read("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}"), Reason.TOO_MANY_ELEMENTS);
        assertRefused(() -> DocumentReader.create(tight).read("{\"a\":\"12345678901\"}"), Reason.STRING_TOO_LONG);
        assertRefused(() -> DocumentReader.create(tight).read("{\"12345678901\":1}"), Reason.STRING_TOO_LONG);
    }

    @Test
    void refusesInputThatIsNotJson() {
        assertRefused(() -> reader.read("<html><body>Not found</body></html>"), Reason.MALFORMED_JSON);
        assertRefused(() -> reader.read(""), Reason.MALFORMED_JSON);
        assertRefused(() -> reader.read("{\"type\":\"Note\""), Reason.MALFORMED_JSON);
        assertRefused(() -> reader.read(FOLLOW + " trailing"), Reason.MALFORMED_JSON);
        assertRefused(() -> reader.read(FOLLOW + FOLLOW), Reason.MALFORMED_JSON);
        assertRefused(() -> reader.read(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}), Reason.MALFORMED_JSON);
    }

    @Test
    void refusesTopLevelValuesThatAreNotObjects() {
        for (String json : new String[] {"[" + FOLLOW + "]", "\"Follow\"", "42", "true", "null"}) {
            assertRefused(() -> reader.read(json), Reason.NOT_AN_OBJECT);
        }
    }

    @Test
    void refusesObjectsWithoutWhatTheirTypeNeeds() {
        assertRefused(() -> reader.read("{\"id\":\"https://a.example/x\"}"), Reason.INVALID_OBJECT)
                .hasMessageContaining("without a type");
        assertRefused(
                        () -> reader.read("{\"type\":\"Note\",\"attributedTo\":\"https://a.example/u\"}"),
                        Reason.INVALID_OBJECT)
                .hasMessageContaining("Note has no usable id");
        assertRefused(() -> reader.read("{\"type\":\"Person\",\"id\":\"https://a.example/u\"}"), Reason.INVALID_OBJECT)
                .hasMessageContaining("inbox");
        assertRefused(
                        () -> reader.read("{\"type\":\"Follow\",\"object\":\"https://a.example/u\"}"),
                        Reason.INVALID_OBJECT)
                .hasMessageContaining("actor");
        assertRefused(
                () -> reader.read("{\"type\":\"Person\",\"id\":\"not a uri\",\"inbox\":\"x\"}"), Reason.INVALID_OBJECT);
    }

    @Test
    void hugeNumbersAreNotExpanded() {
        String note = "{\"type\":\"Note\",\"id\":\"https://a.example/n\",\"attributedTo\":\"https://a.example/u\","
                + "\"attachment\":[{\"type\":\"Image\",\"url\":\"https://a.example/i.png\",\"width\":1e999999999,"
                + "\"height\":1e999999999,\"focalPoint\":[1e999999999,-1e999999999]}]}";
        var attachment = reader.read(note)
                .as(dev.herald.core.vocab.Note.class)
                .orElseThrow()
                .attachments()
                .get(0);
        assertThat(attachment.width()).isEmpty();
        assertThat(attachment.focalPoint()).isEmpty();
    }

    @Test
    void expansionThatNeedsAnUnknownContextFailsWithoutFetching() {
        String json = "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",\"https://unknown.example/ns\"],"
                + "\"id\":\"https://a.example/f/1\",\"type\":\"Follow\",\"actor\":\"https://a.example/u/1\","
                + "\"object\":\"https://b.example/u/2\",\"unknown:thing\":1}";
        assertRefused(() -> reader.read(json), Reason.UNKNOWN_CONTEXT)
                .hasMessageContaining("https://unknown.example/ns");
    }

    @Test
    void theFastPathIgnoresUnknownContextUrls() {
        String json = FOLLOW.replace(
                "\"https://www.w3.org/ns/activitystreams\"",
                "[\"https://www.w3.org/ns/activitystreams\",\"https://unknown.example/ns\"]");
        assertThat(reader.read(json).path()).isEqualTo(ReadDocument.Path.FAST);
    }

    @Test
    void invalidJsonLdIsReportedAsSuch() {
        String json = "{\"@context\":{\"@version\":2.5},\"type\":\"Follow\",\"x:y\":1}";
        assertRefused(() -> reader.read(json), Reason.INVALID_JSON_LD);
    }

    @Test
    void recursiveContextsAreRefusedNotFollowedForever() {
        String self = "{\"@context\":\"https://self.example/ctx\"}";
        ReaderSettings looping = ReaderSettings.builder()
                .context("https://self.example/ctx", self)
                .expansionTimeout(Duration.ofSeconds(2))
                .build();
        String json = "{\"@context\":\"https://self.example/ctx\",\"type\":\"Follow\",\"x:y\":1}";
        assertRefused(() -> DocumentReader.create(looping).read(json), Reason.INVALID_JSON_LD);
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> ReaderSettings.builder().maxDepth(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> ReaderSettings.builder().maxDepth(100_000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        ReaderSettings.builder().expansionTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReaderSettings.builder().context("https://x.example", "[]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReaderSettings.builder().context("https://x.example", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@context");
        assertThatThrownBy(() -> ReaderSettings.builder().contextBySuffix("litepub.jsonld", "{\"@context\":{}}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ReaderSettings.defaults().toBuilder().build()).isEqualTo(ReaderSettings.defaults());
    }

    @Test
    void readsTheSameFromBytesStreamsStringsAndParsedObjects() {
        var fromString = reader.read(FOLLOW);
        assertThat(reader.read(utf8(FOLLOW)).object()).isEqualTo(fromString.object());
        assertThat(reader.read(new ByteArrayInputStream(utf8(FOLLOW))).object()).isEqualTo(fromString.object());
        assertThat(reader.read(fromString.json()).object()).isEqualTo(fromString.object());
    }

    @Test
    void refusesADuplicateKeyAtAnyDepth() {
        String twoActors = FOLLOW.replace("\"object\"", "\"actor\":\"https://c.example/u/3\",\"object\"");
        assertRefused(() -> reader.read(twoActors), Reason.MALFORMED_JSON)
                .hasMessageContaining("duplicate key 'actor'");
        String nested = "{\"type\":\"Note\",\"tag\":[{\"name\":\"a\",\"name\":\"b\"}]}";
        assertRefused(() -> reader.read(nested), Reason.MALFORMED_JSON).hasMessageContaining("duplicate key 'name'");
        assertRefused(() -> reader.read(new ByteArrayInputStream(utf8(twoActors))), Reason.MALFORMED_JSON);
    }

    @Test
    void refusesBytesThatAreNotUtf8InsteadOfReplacingThem() {
        for (String hex : new String[] {"c328", "c0af", "eda080", "ff"}) {
            byte[] body = utf8(FOLLOW.replace("Follow", "Follow@@"));
            String text = new String(body, StandardCharsets.ISO_8859_1)
                    .replace("@@", new String(java.util.HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1));
            byte[] bad = text.getBytes(StandardCharsets.ISO_8859_1);
            assertRefused(() -> reader.read(bad), Reason.MALFORMED_JSON);
            assertRefused(() -> reader.read(new ByteArrayInputStream(bad)), Reason.MALFORMED_JSON);
        }
        assertThat(reader.read(utf8(FOLLOW.replace("Follow\",", "Follow\",\"name\":\"café ☕ 🦊\",")))
                        .object())
                .isNotNull();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable read, Reason reason) {
        return assertThatThrownBy(read)
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.reason())
                        .isEqualTo(reason))
                .hasMessageStartingWith(reason + ": ");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final class CountingStream extends InputStream {
        private final byte[] data;
        int read;

        CountingStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return read < data.length ? data[read++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (read >= data.length) {
                return -1;
            }
            int n = Math.min(length, data.length - read);
            System.arraycopy(data, read, buffer, offset, n);
            read += n;
            return n;
        }
    }
}
