package dev.herald.core.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.outbox.QuotePolicy;
import dev.herald.core.outbox.QuotePolicy.Audience;
import dev.herald.core.outbox.internal.QuotePolicies.Decision;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A quote policy written on a post, read back from it, and the answer it gives each requester. */
class QuotePoliciesTest {
    static final URI AUTHOR = URI.create("https://www.example.org/ap/actors/news");
    static final URI FOLLOWERS = URI.create("https://www.example.org/ap/actors/news/followers");
    static final JsonObject NOTE = Json.createObjectBuilder()
            .add("@context", "https://www.w3.org/ns/activitystreams")
            .add("id", "https://www.example.org/ap/objects/1")
            .add("type", "Note")
            .build();

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void everyPolicyReadsBackAsWritten() {
        List<QuotePolicy> policies = List.of(
                QuotePolicy.PUBLIC,
                QuotePolicy.FOLLOWERS,
                QuotePolicy.MANUAL,
                QuotePolicy.NOBODY,
                new QuotePolicy(Audience.FOLLOWERS, Audience.ANYONE));
        for (QuotePolicy policy : policies) {
            JsonObject written = QuotePolicies.addTo(NOTE, policy, AUTHOR, FOLLOWERS);
            assertThat(QuotePolicies.read(written, FOLLOWERS))
                    .as(policy.toString())
                    .contains(policy);
        }
    }

    @Test
    void theContextKeepsItsUrlAndGainsTheTerms() {
        JsonObject written = QuotePolicies.addTo(NOTE, QuotePolicy.PUBLIC, AUTHOR, FOLLOWERS);
        assertThat(written.getJsonArray("@context").getString(0)).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(written.getJsonArray("@context").getJsonObject(1).keySet())
                .containsExactly("gts", "interactionPolicy", "canQuote", "automaticApproval", "manualApproval");
    }

    @Test
    void aPostWithoutAPolicyHasNoneToRead() {
        assertThat(QuotePolicies.read(NOTE, FOLLOWERS)).isEmpty();
        assertThat(QuotePolicies.read(parse("{\"interactionPolicy\":{\"canLike\":{}}}"), FOLLOWERS))
                .isEmpty();
    }

    @Test
    void otherSpellingsOfPublicAndUnknownEntriesAreRead() {
        JsonObject asPublic = parse("{\"interactionPolicy\":{\"canQuote\":{\"automaticApproval\":\"as:Public\"}}}");
        assertThat(QuotePolicies.read(asPublic, FOLLOWERS)).contains(QuotePolicy.PUBLIC);
        JsonObject strangers = parse("{\"interactionPolicy\":{\"canQuote\":{\"automaticApproval\":"
                + "[{\"id\":\"https://elsewhere.example/users/x\"}],\"manualApproval\":[\"" + FOLLOWERS + "\"]}}}");
        assertThat(QuotePolicies.read(strangers, FOLLOWERS))
                .contains(new QuotePolicy(Audience.NOBODY, Audience.FOLLOWERS));
    }

    @Test
    void eachPolicyAnswersFollowersAndStrangers() {
        assertThat(QuotePolicies.decide(QuotePolicy.PUBLIC, false)).isEqualTo(Decision.ACCEPT);
        assertThat(QuotePolicies.decide(QuotePolicy.FOLLOWERS, true)).isEqualTo(Decision.ACCEPT);
        assertThat(QuotePolicies.decide(QuotePolicy.FOLLOWERS, false)).isEqualTo(Decision.REJECT);
        assertThat(QuotePolicies.decide(QuotePolicy.MANUAL, true)).isEqualTo(Decision.ASK);
        assertThat(QuotePolicies.decide(QuotePolicy.NOBODY, true)).isEqualTo(Decision.REJECT);
        QuotePolicy followersThenAsk = new QuotePolicy(Audience.FOLLOWERS, Audience.ANYONE);
        assertThat(QuotePolicies.decide(followersThenAsk, true)).isEqualTo(Decision.ACCEPT);
        assertThat(QuotePolicies.decide(followersThenAsk, false)).isEqualTo(Decision.ASK);
    }
}
