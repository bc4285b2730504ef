package dev.herald.core.outbox.internal;

import dev.herald.core.internal.http.Json;
import dev.herald.core.internal.jsonld.Extension;
import dev.herald.core.outbox.QuotePolicy;
import dev.herald.core.outbox.QuotePolicy.Audience;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link QuotePolicy} on a post's JSON and back: written as GoToSocial's {@code interactionPolicy.canQuote} with
 * Mastodon's context terms, read back from the stored post when a {@code QuoteRequest} arrives, and the decision for
 * one requesting actor. Not part of the API. Stateless and thread-safe.
 */
public final class QuotePolicies {
    /** The public collection, as Herald writes it. */
    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private static final Set<String> PUBLIC_SPELLINGS = Set.of(PUBLIC, "as:Public", "Public");

    /** The answer to a quote request. */
    public enum Decision {
        /** Approved at once. */
        ACCEPT,
        /** Kept pending for the site to approve or reject. */
        ASK,
        /** Refused. */
        REJECT
    }

    private QuotePolicies() {}

    /**
     * {@code post} (a rendered object with its {@code @context}) with {@code interactionPolicy.canQuote} for {@code
     * policy}, and the terms it needs added to the context's inline map.
     */
    public static JsonObject addTo(JsonObject post, QuotePolicy policy, URI author, URI followers) {
        JsonObjectBuilder canQuote = Json.PROVIDER
                .createObjectBuilder()
                .add("automaticApproval", approval(policy.automatic(), author, followers, true));
        if (policy.manual() != Audience.NOBODY) {
            canQuote.add("manualApproval", approval(policy.manual(), author, followers, false));
        }
        JsonObjectBuilder out = Json.PROVIDER
                .createObjectBuilder(post)
                .add("@context", Extension.extend(post.get("@context"), EnumSet.of(Extension.INTERACTION_POLICIES)))
                .add("interactionPolicy", Json.PROVIDER.createObjectBuilder().add("canQuote", canQuote));
        return out.build();
    }

    // As Mastodon: when nobody else is approved automatically, the list names the author alone.
    private static JsonArrayBuilder approval(Audience audience, URI author, URI followers, boolean automatic) {
        JsonArrayBuilder list = Json.PROVIDER.createArrayBuilder();
        switch (audience) {
            case ANYONE -> list.add(PUBLIC);
            case FOLLOWERS -> list.add(followers.toString());
            case NOBODY -> {
                if (automatic) {
                    list.add(author.toString());
                }
            }
        }
        return list;
    }

    /**
     * The policy written on a stored post, if it has one ({@code interactionPolicy.canQuote}); entries other than the
     * public collection and the author's followers (the author, other actors) approve no one else.
     */
    public static Optional<QuotePolicy> read(JsonObject post, URI followers) {
        if (!(post.get("interactionPolicy") instanceof JsonObject policy)
                || !(policy.get("canQuote") instanceof JsonObject canQuote)) {
            return Optional.empty();
        }
        Audience automatic = audience(canQuote.get("automaticApproval"), followers);
        Audience manual = audience(canQuote.get("manualApproval"), followers);
        if (manual != Audience.NOBODY && manual.compareTo(automatic) >= 0) {
            manual = Audience.NOBODY;
        }
        return Optional.of(new QuotePolicy(automatic, manual));
    }

    private static Audience audience(JsonValue value, URI followers) {
        Audience widest = Audience.NOBODY;
        for (JsonValue entry : value == null ? Set.<JsonValue>of() : listOf(value)) {
            String uri = entry instanceof JsonString s
                    ? s.getString()
                    : entry instanceof JsonObject o && o.get("id") instanceof JsonString id ? id.getString() : "";
            if (PUBLIC_SPELLINGS.contains(uri)) {
                return Audience.ANYONE;
            }
            if (uri.equals(followers.toString())) {
                widest = Audience.FOLLOWERS;
            }
        }
        return widest;
    }

    private static Iterable<JsonValue> listOf(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.ARRAY ? value.asJsonArray() : Set.of(value);
    }

    /** How {@code policy} answers a request from an actor who does, or does not, follow the post's author. */
    public static Decision decide(QuotePolicy policy, boolean follower) {
        if (includes(policy.automatic(), follower)) {
            return Decision.ACCEPT;
        }
        return includes(policy.manual(), follower) ? Decision.ASK : Decision.REJECT;
    }

    private static boolean includes(Audience audience, boolean follower) {
        return audience == Audience.ANYONE || (audience == Audience.FOLLOWERS && follower);
    }
}
