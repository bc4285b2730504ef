package dev.herald.core.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.ObjectRef;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * FEP-044f documents as Mastodon 4.5 and GoToSocial send them, read through {@link DocumentReader}: the {@code
 * QuoteRequest} with its {@code instrument} (a link, or the quoting post embedded) on the fast path, with the
 * GoToSocial namespace, and after JSON-LD expansion.
 */
class QuoteActivitiesTest {
    private static final URI QUOTED = URI.create("https://www.example.org/ap/objects/1");
    private static final URI ALICE = URI.create("https://mastodon.example/users/alice");
    private static final URI QUOTING = URI.create("https://mastodon.example/users/alice/statuses/2");

    private final DocumentReader reader = DocumentReader.create();

    // The quoting post as Mastodon embeds it: its terms (quote, interactionPolicy…) are defined by the request's
    // context, which Mastodon builds from every extension the serialized tree uses.
    private static final String EMBEDDED_NOTE = "{\"id\":\"" + QUOTING + "\",\"type\":\"Note\",\"attributedTo\":\""
            + ALICE + "\",\"content\":\"<p>Look at this</p>\",\"quote\":\"" + QUOTED + "\",\"_misskey_quote\":\""
            + QUOTED + "\",\"quoteUri\":\"" + QUOTED + "\",\"interactionPolicy\":{\"canQuote\":"
            + "{\"automaticApproval\":[\"https://www.w3.org/ns/activitystreams#Public\"]}},"
            + "\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]}";

    private static final String MASTODON_CONTEXT = "[\"https://www.w3.org/ns/activitystreams\",{"
            + "\"QuoteRequest\":\"https://w3id.org/fep/044f#QuoteRequest\","
            + "\"quote\":{\"@id\":\"https://w3id.org/fep/044f#quote\",\"@type\":\"@id\"},"
            + "\"quoteUri\":\"http://fedibird.com/ns#quoteUri\","
            + "\"_misskey_quote\":\"https://misskey-hub.net/ns#_misskey_quote\","
            + "\"quoteAuthorization\":{\"@id\":\"https://w3id.org/fep/044f#quoteAuthorization\",\"@type\":\"@id\"},"
            + "\"gts\":\"https://gotosocial.org/ns#\","
            + "\"interactionPolicy\":{\"@id\":\"gts:interactionPolicy\",\"@type\":\"@id\"},"
            + "\"canQuote\":{\"@id\":\"gts:canQuote\",\"@type\":\"@id\"},"
            + "\"automaticApproval\":{\"@id\":\"gts:automaticApproval\",\"@type\":\"@id\"}}]";

    private static String request(String context, String type, String instrument) {
        return "{\"@context\":" + context + ",\"id\":\"" + ALICE + "#quote-requests/7\",\"type\":\"" + type
                + "\",\"actor\":\"" + ALICE + "\",\"object\":\"" + QUOTED + "\",\"instrument\":" + instrument + "}";
    }

    @Test
    void mastodonsRequestWithALinkedInstrumentTakesTheFastPath() {
        ReadDocument doc = reader.read(request(MASTODON_CONTEXT, "QuoteRequest", "\"" + QUOTING + "\""));
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.FAST);
        Activity request = doc.as(Activity.class).orElseThrow();
        assertThat(request.type()).isEqualTo(ActivityType.QUOTE_REQUEST);
        assertThat(request.objectId()).contains(QUOTED);
        assertThat(request.instrument()).contains(ObjectRef.of(QUOTING));
    }

    @Test
    void anEmbeddedQuotingPostIsReadWithItsQuote() {
        ReadDocument doc = reader.read(request(MASTODON_CONTEXT, "QuoteRequest", EMBEDDED_NOTE));
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.FAST);
        Note quoting = (Note) doc.as(Activity.class)
                .orElseThrow()
                .instrument()
                .orElseThrow()
                .embedded()
                .orElseThrow();
        assertThat(quoting.id()).isEqualTo(QUOTING);
        assertThat(quoting.attributedTo()).isEqualTo(ALICE);
        assertThat(quoting.quote()).contains(QUOTED);
    }

    @Test
    void theGoToSocialNamespaceIsBundled() {
        String context = "[\"https://www.w3.org/ns/activitystreams\",\"https://gotosocial.org/ns\"]";
        ReadDocument doc = reader.read(request(context, "QuoteRequest", "\"" + QUOTING + "\""));
        Activity request = doc.as(Activity.class).orElseThrow();
        assertThat(request.type()).isEqualTo(ActivityType.QUOTE_REQUEST);
        assertThat(request.instrument().flatMap(ObjectRef::id)).contains(QUOTING);
    }

    @Test
    void aPrefixedTypeIsReadAfterExpansion() {
        String context = "[\"https://www.w3.org/ns/activitystreams\",{\"fep\":\"https://w3id.org/fep/044f#\"}]";
        ReadDocument doc = reader.read(request(context, "fep:QuoteRequest", EMBEDDED_NOTE));
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.EXPANDED);
        Activity request = doc.as(Activity.class).orElseThrow();
        assertThat(request.type()).isEqualTo(ActivityType.QUOTE_REQUEST);
        assertThat(request.objectId()).contains(QUOTED);
        assertThat(request.instrument().flatMap(ObjectRef::id)).contains(QUOTING);
    }
}
