package dev.herald.core.jsonld;

import static dev.herald.core.jsonld.Corpus.PUBLIC;
import static dev.herald.core.jsonld.Corpus.read;
import static dev.herald.core.jsonld.Corpus.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.GenericObject;
import dev.herald.core.vocab.PropertyValue;
import dev.herald.core.vocab.PublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** PeerTube, Friendica, WordPress, Mobilizon, Mitra, oeee.cafe, Fedify and Smithereen documents. */
class OtherServerObjectsTest {

    @Test
    void peerTubeVideoPicksTheHtmlLinkAndThePersonAmongAuthors() {
        GenericObject video = read("peertube-video.json", GenericObject.class);
        assertThat(video.type()).isEqualTo("Video");
        assertThat(video.id()).contains(uri("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1"));
        assertThat(video.name()).hasValueSatisfying(n -> assertThat(n).startsWith("Mesa, Wayland & X.org in trouble"));
        // url is an array of Links (HTML page, HLS playlist, torrents…): the text/html one is the page.
        assertThat(video.url()).contains(uri("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1"));
        // attributedTo lists the Person and the channel Group.
        assertThat(video.attributedTo()).contains(uri("https://tilvids.com/accounts/thelinuxexperiment"));
        assertThat(video.to()).containsExactly(PUBLIC);
        assertThat(video.published()).contains(Instant.parse("2025-02-01T11:59:45.094Z"));
    }

    @Test
    void friendicaPersonWithVcardKeysIsReadThroughExpansion() {
        ReadDocument doc = read("friendica-person.json");
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.EXPANDED); // "vcard:hasAddress", "diaspora:guid"
        Actor actor = doc.as(Actor.class).orElseThrow();
        assertThat(actor.id()).isEqualTo(uri("https://soc.schuerz.at/profile/jakob"));
        assertThat(actor.preferredUsername()).contains("jakob");
        assertThat(actor.manuallyApprovesFollowers()).isTrue();
        assertThat(actor.discoverable()).isTrue();
        assertThat(actor.sharedInbox()).contains(uri("https://soc.schuerz.at/inbox"));
        assertThat(actor.fields())
                .hasSize(6)
                .first()
                .isEqualTo(new PropertyValue("Mobilizon", "@jakob@events.schuerz.at<br>@jakob@events.tulln.social"));
        assertThat(actor.icon().orElseThrow().url())
                .isEqualTo(uri("https://soc.schuerz.at/photo/profile/jakob.png?ts=1630598950"));
        assertThat(actor.publicKey().orElseThrow().publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\nMIICIjAN");
        // Extension properties stay reachable in the compacted form, by prefixes Herald's context knows.
        assertThat(doc.compacted().getJsonObject("vcard:hasAddress").getString("vcard:country-name"))
                .isEqualTo("Austria");
    }

    @Test
    void wordPressPersonWithIndexableAndAMalformedAvatarUrl() {
        ReadDocument doc = read("wordpress-person.json");
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.FAST);
        Actor actor = doc.as(Actor.class).orElseThrow();
        assertThat(actor.id()).isEqualTo(uri("https://pfefferle.org/author/pfefferle/"));
        assertThat(actor.preferredUsername()).contains("matthias");
        assertThat(actor.discoverable()).isTrue();
        assertThat(actor.indexable()).isTrue();
        assertThat(actor.sharedInbox()).contains(uri("https://pfefferle.org/wp-json/activitypub/1.0/inbox"));
        assertThat(actor.fields()).extracting(PropertyValue::name).containsExactly("Blog", "Profile");
        // "…?s=120&#038;d=mm" has a second '#': Herald percent-encodes it instead of dropping the avatar.
        assertThat(actor.icon().orElseThrow().url().toString())
                .isEqualTo(
                        "https://secure.gravatar.com/avatar/a2bdca7870e859658cece96c044b3be5?s=120&#038;d=mm&%23038;r=g");
        assertThat(doc.json().getString("webfinger")).isEqualTo("matthias@pfefferle.org");
    }

    @Test
    void mobilizonEventIsReadThroughExpansionAsGenericEvent() {
        ReadDocument doc = read("mobilizon-event.json");
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.EXPANDED); // "ical:status"
        GenericObject event = doc.as(GenericObject.class).orElseThrow();
        assertThat(event.type()).isEqualTo("Event");
        assertThat(event.name()).contains("Caledonian scottish dance class");
        assertThat(event.attributedTo()).contains(uri("https://rendezvous.nomagic.uk/@devon_caledonian_society"));
        assertThat(event.url())
                .contains(uri("https://rendezvous.nomagic.uk/events/b81c0531-a57c-497d-93ba-af0f8b255498"));
        assertThat(event.content()).hasValueSatisfying(c -> assertThat(c).startsWith("<p>£6 each.</p>"));
        assertThat(event.updated()).contains(Instant.parse("2022-09-27T14:39:18Z"));
    }

    @Test
    void mitraPersonWithMultikeysKeepsTheLegacyPublicKey() {
        ReadDocument doc = read("mitra-person-multikey.json");
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.FAST); // schema.org with a slash is accepted
        Actor actor = doc.as(Actor.class).orElseThrow();
        assertThat(actor.manuallyApprovesFollowers()).isTrue();
        assertThat(actor.name()).contains("洪 民憙 (Hong Minhee)");
        assertThat(actor.publicKeys()).hasSize(1);
        assertThat(actor.publicKey().orElseThrow().id())
                .isEqualTo(uri("https://wizard.casa/users/hongminhee#main-key"));
        assertThat(doc.json().getJsonArray("assertionMethod")).hasSize(2);
    }

    @Test
    void oeeeCafePersonWithPrefixedEndpointsType() {
        ReadDocument doc = read("oeee.cafe-person-minimal.json");
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.FAST); // "as:Endpoints" is a plain AS type
        Actor actor = doc.as(Actor.class).orElseThrow();
        assertThat(actor.name()).contains("洪兔");
        assertThat(actor.sharedInbox()).contains(uri("https://oeee.cafe/inbox"));
        assertThat(actor.publicKey().orElseThrow().owner()).isEqualTo(actor.id());
        assertThat(actor.url()).contains(uri("https://oeee.cafe/@hongminhee"));
    }

    @Test
    void standaloneCryptographicKeyDocument() {
        PublicKey key = read("fedify-cryptographickey-standalone.json", PublicKey.class);
        assertThat(key.id()).isEqualTo(uri("https://example.com/key"));
        assertThat(key.owner()).isEqualTo(uri("https://example.com/person"));
        assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----").endsWith("-----END PUBLIC KEY-----");
    }

    @Test
    void smithereenPersonWithNestedAvatarImageIsReadThroughExpansion() {
        ReadDocument doc = read("smithereen-person.json");
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.EXPANDED); // "vcard:bday"
        Actor actor = doc.as(Actor.class).orElseThrow();
        assertThat(actor.preferredUsername()).contains("grishka");
        assertThat(actor.name()).contains("Григорий Клюшников");
        assertThat(actor.sharedInbox()).contains(uri("https://friends.grishka.me/activitypub/sharedInbox"));
        assertThat(actor.icon().orElseThrow().url().toString()).contains("/c:573:572:nowe:338:362/");
        assertThat(actor.publicKey().orElseThrow().id()).isEqualTo(uri("https://friends.grishka.me/users/1#main-key"));
    }
}
