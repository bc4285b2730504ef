package dev.herald.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Vectors;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.inbox.InboxReply.Outcome;
import dev.herald.signatures.HttpFields;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mastodon's 23 signature-verification cases ({@code spec/requests/signature_verification_spec.rb}) through the
 * inbox door: what Mastodon verifies gets past the signature check (and is then refused as no activity, since the
 * bodies are "Hello world"), what it rejects is refused for its signature with the same status (401, 400 for the
 * malformed {@code Content-Digest}); nothing is stored either way.
 */
class MastodonVectorsThroughTheDoorTest {
    private static final String FILE = "fediverse-signatures/mastodon-signature-verification-vectors.json";

    static Stream<Arguments> cases() {
        JsonObject vectors =
                Json.createReader(new StringReader(Vectors.read(FILE))).readObject();
        List<Arguments> cases = new ArrayList<>();
        for (String group : List.of("draft_cavage_cases", "rfc9421_cases")) {
            for (JsonValue c : vectors.getJsonArray(group)) {
                JsonObject v = c.asJsonObject();
                cases.add(Arguments.of(group + ": " + v.getString("name"), v));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameDecisionAsMastodon(String name, JsonObject vector) {
        JsonObject all = Json.createReader(new StringReader(Vectors.read(FILE))).readObject();
        Clock clock = Clock.fixed(Instant.parse(all.getString("now")), ZoneOffset.UTC);
        InboxKit kit = new InboxKit(
                InboxSettings.builder().workers(0).build(), clock, false, URI.create("https://www.example.com"));
        JsonObject actor = all.getJsonObject("actor");
        kit.cache(URI.create(actor.getString("id")), actor.getString("public_key_pem"), clock.instant());

        HttpFields.Builder headers = HttpFields.builder();
        for (JsonValue pair : vector.getJsonArray("headers")) {
            JsonArray p = pair.asJsonArray();
            headers.add(p.getString(0), p.getString(1));
        }
        // The door asks for ActivityPub JSON first; the field is not signed, so the signature is unchanged.
        headers.add("Content-Type", "application/activity+json");
        byte[] body =
                vector.isNull("body") ? new byte[0] : vector.getString("body").getBytes(StandardCharsets.UTF_8);
        String path = vector.getString("path");
        int q = path.indexOf('?');
        HeraldRequest request = new HeraldRequest(
                vector.getString("method"),
                q < 0 ? path : path.substring(0, q),
                q < 0 ? "" : path.substring(q + 1),
                headers.build(),
                body);

        InboxReply reply = kit.inbox.receive(request);

        String expected = vector.getString("expected_result");
        if (expected.startsWith("verified")) {
            assertThat(reply.outcome()).as(reply.detail()).isEqualTo(Outcome.MALFORMED);
            assertThat(reply.status()).isEqualTo(400);
        } else {
            assertThat(reply.outcome()).as(reply.detail()).isEqualTo(Outcome.BAD_SIGNATURE);
            assertThat(reply.status()).isEqualTo(expected.contains("400") ? 400 : 401);
        }
        assertThat(kit.stored()).isZero();
    }
}
