package dev.herald.core.actor;

import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.apGet;
import static dev.herald.core.TestFederations.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.TestFederations;
import dev.herald.core.http.HeraldResponse;
import dev.herald.core.jsonld.DocumentReader;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.signatures.Pem;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The actor document, field by field against what Mastodon requires and reads (interop requirements B2, F2). */
class ActorDocumentTest {
    private static final String ID = "https://www.example.org/ap/actors/news";

    private final Federation federation = TestFederations.standard();
    private final HeraldResponse response = answer(federation, apGet("/ap/actors/news"));
    private final JsonObject actor = json(response);

    @Test
    void isServedAsActivityJsonWithStatus200() {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/activity+json; charset=utf-8");
        assertThat(response.header("Vary")).contains("Accept");
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void contextHasActivityStreamsSecurityAndTheExtensionTerms() {
        List<JsonValue> context = actor.getJsonArray("@context");
        assertThat(((JsonString) context.get(0)).getString()).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(((JsonString) context.get(1)).getString()).isEqualTo("https://w3id.org/security/v1");
        JsonObject terms = context.get(2).asJsonObject();
        assertThat(terms.keySet())
                .contains(
                        "manuallyApprovesFollowers",
                        "toot",
                        "featured",
                        "discoverable",
                        "indexable",
                        "PropertyValue",
                        "value",
                        "alsoKnownAs",
                        "attributionDomains",
                        "webfinger");
        assertThat(terms.getString("webfinger")).isEqualTo(ActorDocuments.WEBFINGER_TERM);
    }

    @Test
    void idEqualsTheUrlServedAndTypeIsTheConfiguredOne() {
        assertThat(actor.getString("id")).isEqualTo(ID);
        assertThat(actor.getString("type")).isEqualTo("Organization");
    }

    @Test
    void preferredUsernameIsTheHandleAndWebfingerNamesTheSplitDomainHandle() {
        assertThat(actor.getString("preferredUsername")).isEqualTo("news");
        assertThat(actor.getString("webfinger")).isEqualTo("acct:news@example.org");
    }

    @Test
    void hasEveryEndpointMastodonReads() {
        assertThat(actor.getString("inbox")).isEqualTo(ID + "/inbox");
        assertThat(actor.getString("outbox")).isEqualTo(ID + "/outbox");
        assertThat(actor.getString("followers")).isEqualTo(ID + "/followers");
        assertThat(actor.getString("following")).isEqualTo(ID + "/following");
        assertThat(actor.getString("featured")).isEqualTo(ID + "/featured");
        assertThat(actor.getJsonObject("endpoints").getString("sharedInbox"))
                .isEqualTo("https://www.example.org/ap/inbox");
    }

    @Test
    void publicKeyHasIdOwnerAndTheStoredPem() {
        JsonObject key = actor.getJsonObject("publicKey");
        assertThat(key.getString("id")).isEqualTo(ID + "#main-key");
        assertThat(key.getString("owner")).isEqualTo(ID);
        assertThat(Pem.readPublicKey(key.getString("publicKeyPem")))
                .isEqualTo(TestFederations.keys().getPublic());
    }

    @Test
    void profileFieldsAreAsConfigured() {
        assertThat(actor.getString("name")).isEqualTo("Example News");
        assertThat(actor.getString("summary")).startsWith("<p>News from");
        assertThat(actor.getString("url")).isEqualTo("https://www.example.org/news/");
        assertThat(actor.getBoolean("manuallyApprovesFollowers")).isFalse();
        assertThat(actor.getBoolean("discoverable")).isTrue();
        assertThat(actor.getBoolean("indexable")).isTrue();
        assertThat(actor.getJsonArray("alsoKnownAs").getString(0))
                .isEqualTo("https://mastodon.example/users/examplenews");
        assertThat(actor.getJsonArray("attributionDomains").getString(0)).isEqualTo("example.org");
        assertThat(actor.containsKey("movedTo")).isFalse();
    }

    @Test
    void iconAndImageHaveMediaTypeAndAltText() {
        JsonObject icon = actor.getJsonObject("icon");
        assertThat(icon.getString("type")).isEqualTo("Image");
        assertThat(icon.getString("url")).isEqualTo("https://www.example.org/logo.png");
        assertThat(icon.getString("mediaType")).isEqualTo("image/png");
        assertThat(icon.getString("name")).isEqualTo("The Example logo");
        JsonObject image = actor.getJsonObject("image");
        assertThat(image.getString("mediaType")).isEqualTo("image/jpeg");
        assertThat(image.getString("name")).isEqualTo("The Example office");
    }

    @Test
    void fieldsArePropertyValueAttachments() {
        JsonObject website = actor.getJsonArray("attachment").getJsonObject(0);
        assertThat(website.getString("type")).isEqualTo("PropertyValue");
        assertThat(website.getString("name")).isEqualTo("Website");
        assertThat(website.getString("value")).contains("rel=\"me\"");
        assertThat(actor.getJsonArray("attachment")).hasSize(2);
    }

    @Test
    void publishedDefaultsToWhenTheKeyPairWasGenerated() {
        assertThat(actor.getString("published")).isEqualTo(TestFederations.KEYS_CREATED.toString());
    }

    @Test
    void publishedAndMovedToComeFromTheProfileWhenSet() {
        ActorProfile moved = TestFederations.news().toBuilder()
                .published(Instant.parse("2020-02-02T00:00:00Z"))
                .movedTo(URI.create("https://elsewhere.example/users/news"))
                .type(ActorType.SERVICE)
                .build();
        Federation site = Federation.builder()
                .origin(TestFederations.ORIGIN)
                .addActor(moved)
                .store(TestFederations.store())
                .build();
        JsonObject json = json(answer(site, apGet("/ap/actors/news")));
        assertThat(json.getString("published")).isEqualTo("2020-02-02T00:00:00Z");
        assertThat(json.getString("movedTo")).isEqualTo("https://elsewhere.example/users/news");
        assertThat(json.getString("type")).isEqualTo("Service");
        assertThat(json.getString("webfinger")).isEqualTo("acct:news@www.example.org");
    }

    @Test
    void isReadBackByHeraldsOwnReaderAsTheSameActor() {
        Actor read =
                DocumentReader.create().read(response.body()).as(Actor.class).orElseThrow();
        assertThat(read.id()).isEqualTo(URI.create(ID));
        assertThat(read.preferredUsername()).contains("news");
        assertThat(read.sharedInbox()).contains(URI.create("https://www.example.org/ap/inbox"));
        assertThat(read.publicKey(URI.create(ID + "#main-key"))).isPresent();
        assertThat(read.fields()).hasSize(2);
    }

    @Test
    void isFarBelowOneMegabyte() {
        assertThat(response.bodyLength()).isLessThan(1_000_000);
    }

    @Test
    void theInstanceActorIsAnApplicationNamedAfterTheHandleHost() {
        JsonObject instance = json(answer(federation, apGet("/ap/actor")));
        assertThat(instance.getString("id")).isEqualTo("https://www.example.org/ap/actor");
        assertThat(instance.getString("type")).isEqualTo("Application");
        assertThat(instance.getString("preferredUsername")).isEqualTo("example.org");
        assertThat(instance.getString("inbox")).isEqualTo("https://www.example.org/ap/actor/inbox");
        assertThat(instance.getString("outbox")).isEqualTo("https://www.example.org/ap/actor/outbox");
        assertThat(instance.getJsonObject("endpoints").getString("sharedInbox"))
                .isEqualTo("https://www.example.org/ap/inbox");
        assertThat(instance.getJsonObject("publicKey").getString("id"))
                .isEqualTo("https://www.example.org/ap/actor#main-key");
        assertThat(instance.getJsonObject("publicKey").getString("owner"))
                .isEqualTo("https://www.example.org/ap/actor");
        assertThat(instance.getBoolean("manuallyApprovesFollowers")).isTrue();
        assertThat(instance.getString("webfinger")).isEqualTo("acct:example.org@example.org");
    }

    @Test
    void anUnknownActorIs404() {
        HeraldResponse missing = answer(federation, apGet("/ap/actors/nobody"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(json(missing).getString("error")).isEqualTo("no such actor on this site");
        assertThat(answer(federation, apGet("/ap/actors/News")).status()).isEqualTo(404);
    }
}
