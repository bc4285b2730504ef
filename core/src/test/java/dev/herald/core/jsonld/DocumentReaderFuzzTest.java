package dev.herald.core.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.core.vocab.Activity;

/**
 * Fuzzes the reading of ActivityStreams documents as the inbox and the fetcher read them (docs/fuzzing.md): the
 * limited JSON parser, the fast-path check, JSON-LD expansion with the bundled contexts, and the vocabulary. The
 * oracle: {@link DocumentReader#read(byte[])} returns a document or throws {@link InvalidDocumentException}; any
 * other throwable (or a hang past the expansion timeout) is a finding. A document that is read can be written again
 * by {@link DocumentWriter}.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs in {@code DocumentReaderFuzzTestInputs/read} (test resources)
 * and the empty input, as a regression test.
 */
class DocumentReaderFuzzTest {
    private static final DocumentReader READER = DocumentReader.create();
    private static final DocumentWriter WRITER = DocumentWriter.create();

    @ActivityStreamsDictionary
    @FuzzTest
    void read(byte[] input) {
        ReadDocument document;
        try {
            document = READER.read(input);
        } catch (InvalidDocumentException expected) {
            assertThat(expected.reason()).isNotNull();
            return;
        }
        assertThat(document.object()).isNotNull();
        assertThat(document.object().typeName()).isNotNull();
        document.as(Activity.class)
                .ifPresent(activity -> assertThat(activity.actor()).isNotNull());
        assertThat(WRITER.toJson(document.object())).isNotNull();
    }
}
