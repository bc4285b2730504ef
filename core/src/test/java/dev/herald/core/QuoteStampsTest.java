package dev.herald.core;

import static dev.herald.core.TestFederations.NOW;
import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.apGet;
import static dev.herald.core.TestFederations.json;
import static dev.herald.core.TestFederations.note;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.http.HeraldResponse;
import dev.herald.core.jsonld.DocumentReader;
import dev.herald.core.jsonld.ReadDocument;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Quote authorization stamps at their ids: what Mastodon fetches to check a quote (FEP-044f), 410 once withdrawn,
 * nothing for a request still pending.
 */
class QuoteStampsTest {
    private static final URI POST = URI.create("https://www.example.org/ap/objects/1");
    private static final String PATH = "/ap/actors/news/quote-authorizations/5f1c";
    private static final URI ID = URI.create("https://www.example.org" + PATH);
    private static final URI QUOTING = URI.create("https://mastodon.example/users/alice/statuses/2");

    private final InMemoryStore store = TestFederations.store();
    private final Federation federation = TestFederations.builder(store).build();

    private QuoteAuthorization authorization(QuoteAuthorization.State state) {
        return new QuoteAuthorization(
                ID,
                "news",
                POST,
                QUOTING,
                URI.create("https://mastodon.example/users/alice"),
                URI.create("https://mastodon.example/users/alice#quote-requests/1"),
                URI.create("https://mastodon.example/users/alice/inbox"),
                state,
                NOW,
                state == QuoteAuthorization.State.PENDING ? Optional.empty() : Optional.of(NOW.plusSeconds(5)));
    }

    private HeraldResponse get() {
        return answer(federation, apGet(PATH));
    }

    @Test
    void anAcceptedAuthorizationServesTheStampMastodonChecks() {
        store.objects().put(note(POST.toString(), "news", NOW, StoredObject.Visibility.PUBLIC, false));
        store.quoteAuthorizations().put(authorization(QuoteAuthorization.State.ACCEPTED));
        HeraldResponse response = get();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/activity+json; charset=utf-8");
        JsonObject stamp = json(response);
        assertThat(stamp.getString("id")).isEqualTo(ID.toString());
        assertThat(stamp.getString("type")).isEqualTo("QuoteAuthorization");
        assertThat(stamp.getString("attributedTo"))
                .isEqualTo(federation.actorId("news").toString());
        assertThat(stamp.getString("interactingObject")).isEqualTo(QUOTING.toString());
        assertThat(stamp.getString("interactionTarget")).isEqualTo(POST.toString());
        JsonArray context = stamp.getJsonArray("@context");
        assertThat(context.getString(0)).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(context.getJsonObject(1).getString("QuoteAuthorization"))
                .isEqualTo("https://w3id.org/fep/044f#QuoteAuthorization");
        assertThat(context.getJsonObject(1).getJsonObject("interactingObject").getString("@id"))
                .isEqualTo("gts:interactingObject");
        ReadDocument read = DocumentReader.create().read(response.bodyText());
        assertThat(read.path())
                .as("Herald reads its own stamp on the fast path")
                .isEqualTo(ReadDocument.Path.FAST);
        assertThat(read.object().typeName()).isEqualTo("QuoteAuthorization");
    }

    @Test
    void aRevokedAuthorizationIs410WithATombstone() {
        store.objects().put(note(POST.toString(), "news", NOW, StoredObject.Visibility.PUBLIC, false));
        store.quoteAuthorizations().put(authorization(QuoteAuthorization.State.REVOKED));
        HeraldResponse response = get();
        assertThat(response.status()).isEqualTo(410);
        JsonObject tombstone = json(response);
        assertThat(tombstone.getString("type")).isEqualTo("Tombstone");
        assertThat(tombstone.getString("formerType")).isEqualTo("QuoteAuthorization");
        assertThat(tombstone.getString("deleted")).isEqualTo(NOW.plusSeconds(5).toString());
    }

    @Test
    void theAuthorizationOfADeletedPostIs410() {
        store.objects().put(note(POST.toString(), "news", NOW, StoredObject.Visibility.PUBLIC, false));
        store.quoteAuthorizations().put(authorization(QuoteAuthorization.State.ACCEPTED));
        Instant deleted = Instant.parse("2026-03-02T10:00:00Z");
        store.objects().markDeleted(POST, deleted);
        HeraldResponse response = get();
        assertThat(response.status()).isEqualTo(410);
        assertThat(json(response).getString("deleted")).isEqualTo("2026-03-02T10:00:00Z");
    }

    @Test
    void aPendingRequestAndAnUnknownIdAre404() {
        store.objects().put(note(POST.toString(), "news", NOW, StoredObject.Visibility.PUBLIC, false));
        assertThat(get().status()).isEqualTo(404);
        store.quoteAuthorizations().put(authorization(QuoteAuthorization.State.PENDING));
        assertThat(get().status()).isEqualTo(404);
    }
}
