package dev.herald.core.jsonld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.Vectors;
import dev.herald.core.jsonld.InvalidDocumentException.Reason;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path and JSON-LD expansion must agree: every corpus document reads to the same object both
 * ways. This is what makes the fast path safe to use.
 */
class CorpusPathsTest {
    private static final DocumentReader FAST = DocumentReader.create(Corpus.withLitepub(ReaderSettings.builder()));
    private static final DocumentReader EXPANDING =
            DocumentReader.create(Corpus.withLitepub(ReaderSettings.builder().alwaysExpand(true)));

    static Stream<String> corpus() {
        List<String> files = Vectors.list("objects").stream()
                .filter(f -> f.endsWith(".json"))
                .toList();
        assertThat(files).as("the corpus has 28 JSON documents").hasSize(28);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void fastPathAndExpansionReadTheSameObject(String file) {
        String json = Vectors.read("objects/" + file);
        ReadDocument fast = FAST.read(json);
        ReadDocument expanded = EXPANDING.read(json);
        assertThat(expanded.path()).isEqualTo(ReadDocument.Path.EXPANDED);
        assertThat(fast.object()).isEqualTo(expanded.object());
    }

    @Test
    void onlyDocumentsWithPrefixedKeysNeedExpansion() {
        List<String> expanded = corpus().filter(
                        f -> FAST.read(Vectors.read("objects/" + f)).path() == ReadDocument.Path.EXPANDED)
                .toList();
        assertThat(expanded).containsExactly("friendica-person.json", "mobilizon-event.json", "smithereen-person.json");
    }

    @Test
    void litepubMapsEveryTermHeraldReadsLikeActivityStreams() {
        // The evidence for reading Pleroma documents on the fast path without bundling LitePub (AGPL):
        // with Pleroma's real context registered, the fast-path check finds no conflict.
        JsonObject pleromaNote = parse(Vectors.read("objects/pleroma-note-litepub-context.json"));
        assertThat(FAST.read(pleromaNote).path()).isEqualTo(ReadDocument.Path.FAST);
    }

    @Test
    void expandingALitepubDocumentWithoutTheContextFailsClearly() {
        DocumentReader strict = DocumentReader.create(
                ReaderSettings.builder().alwaysExpand(true).build());
        assertThatThrownBy(() -> strict.read(Vectors.read("objects/pleroma-person-lemmy-assets.json")))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.UNKNOWN_CONTEXT))
                .hasMessageContaining("https://queer.hacktivis.me/schemas/litepub-0.1.jsonld")
                .hasMessageContaining("never fetches");
    }

    @Test
    void lemmyDocumentsReadTheSameWithTheContextLemmyReallySends() {
        // Lemmy's test assets omit @context; real Lemmy output starts with its own context and AS2.
        for (String file : List.of("lemmy-page-post.json", "lemmy-group-community.json", "lemmy-person.json")) {
            JsonObject asSent = Json.createObjectBuilder(parse(Vectors.read("objects/" + file)))
                    .add(
                            "@context",
                            Json.createArrayBuilder()
                                    .add("https://join-lemmy.org/context.json")
                                    .add("https://www.w3.org/ns/activitystreams"))
                    .build();
            ReadDocument fast = FAST.read(asSent);
            assertThat(fast.path()).as(file).isEqualTo(ReadDocument.Path.FAST);
            assertThat(fast.object()).as(file).isEqualTo(EXPANDING.read(asSent).object());
            assertThat(fast.object()).as(file).isEqualTo(Corpus.read(file).object());
        }
    }

    @Test
    void oneReaderServesManyThreadsAtOnce() throws Exception {
        List<String> documents = corpus().map(f -> Vectors.read("objects/" + f)).toList();
        List<Object> expected = documents.stream()
                .map(d -> FAST.read(d).object())
                .map(o -> (Object) o)
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < documents.size(); i++) {
                    int index = i;
                    DocumentReader reader = round % 2 == 0 ? FAST : EXPANDING;
                    results.add(pool.submit(
                            () -> reader.read(documents.get(index)).object().equals(expected.get(index))));
                }
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
