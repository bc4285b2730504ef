package dev.herald.core.internal.jsonld;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.EnumSet;

/**
 * The terms outside ActivityStreams and security v1 that Herald writes, each with the inline
 * definitions Mastodon puts in its {@code @context} when a document uses the term (Mastodon's
 * {@code ContextHelper}). The writer includes only the extensions a document uses, in this order.
 *
 * <p>Immutable and thread-safe.
 */
public enum Extension {
    MANUALLY_APPROVES_FOLLOWERS,
    SENSITIVE,
    HASHTAG,
    MOVED_TO,
    ALSO_KNOWN_AS,
    EMOJI,
    FEATURED,
    PROPERTY_VALUE,
    FOCAL_POINT,
    BLURHASH,
    DISCOVERABLE,
    INDEXABLE,
    ATTRIBUTION_DOMAINS,
    QUOTE_REQUESTS,
    QUOTES,
    INTERACTION_POLICIES,
    QUOTE_AUTHORIZATIONS;

    static final String AS = "https://www.w3.org/ns/activitystreams#";
    static final String TOOT = "http://joinmastodon.org/ns#";
    static final String SCHEMA = "http://schema.org#";
    static final String FEP_044F = "https://w3id.org/fep/044f#";
    static final String MISSKEY = "https://misskey-hub.net/ns#";
    static final String FEDIBIRD = "http://fedibird.com/ns#";
    static final String GTS = "https://gotosocial.org/ns#";

    /** Adds this extension's definitions to {@code map}; {@code coerceIds} keeps Mastodon's {@code "@type": "@id"}. */
    void define(JsonObjectBuilder map, boolean coerceIds) {
        switch (this) {
            case MANUALLY_APPROVES_FOLLOWERS -> map.add("manuallyApprovesFollowers", "as:manuallyApprovesFollowers");
            case SENSITIVE -> map.add("sensitive", "as:sensitive");
            case HASHTAG -> map.add("Hashtag", "as:Hashtag");
            case MOVED_TO -> map.add("movedTo", term("as:movedTo", coerceIds));
            case ALSO_KNOWN_AS -> map.add("alsoKnownAs", term("as:alsoKnownAs", coerceIds));
            case EMOJI -> map.add("toot", TOOT).add("Emoji", "toot:Emoji");
            case FEATURED ->
                map.add("toot", TOOT)
                        .add("featured", term("toot:featured", coerceIds))
                        .add("featuredTags", term("toot:featuredTags", coerceIds));
            case PROPERTY_VALUE ->
                map.add("schema", SCHEMA)
                        .add("PropertyValue", "schema:PropertyValue")
                        .add("value", "schema:value");
            case FOCAL_POINT ->
                map.add("toot", TOOT)
                        .add(
                                "focalPoint",
                                LimitedJsonParser.BUILDERS
                                        .createObjectBuilder()
                                        .add("@container", "@list")
                                        .add("@id", "toot:focalPoint"));
            case BLURHASH -> map.add("toot", TOOT).add("blurhash", "toot:blurhash");
            case DISCOVERABLE -> map.add("toot", TOOT).add("discoverable", "toot:discoverable");
            case INDEXABLE -> map.add("toot", TOOT).add("indexable", "toot:indexable");
            case ATTRIBUTION_DOMAINS ->
                map.add("toot", TOOT).add("attributionDomains", term("toot:attributionDomains", coerceIds));
            case QUOTE_REQUESTS -> map.add("QuoteRequest", FEP_044F + "QuoteRequest");
            case QUOTES ->
                map.add("quote", term(FEP_044F + "quote", coerceIds))
                        .add("quoteUri", FEDIBIRD + "quoteUri")
                        .add("_misskey_quote", MISSKEY + "_misskey_quote");
            case INTERACTION_POLICIES ->
                map.add("gts", GTS)
                        .add("interactionPolicy", term("gts:interactionPolicy", coerceIds))
                        .add("canQuote", term("gts:canQuote", coerceIds))
                        .add("automaticApproval", term("gts:automaticApproval", coerceIds))
                        .add("manualApproval", term("gts:manualApproval", coerceIds));
            case QUOTE_AUTHORIZATIONS ->
                // Mastodon leaves the type name undefined; GoToSocial's namespace and FEP-044f define it.
                map.add("gts", GTS)
                        .add("QuoteAuthorization", FEP_044F + "QuoteAuthorization")
                        .add("interactingObject", term("gts:interactingObject", coerceIds))
                        .add("interactionTarget", term("gts:interactionTarget", coerceIds));
        }
    }

    /** The inline {@code @context} map for {@code used}, with Mastodon's exact definitions. */
    public static JsonObject writeMap(Collection<Extension> used) {
        JsonObjectBuilder map = LimitedJsonParser.BUILDERS.createObjectBuilder();
        for (Extension extension : EnumSet.copyOf(used)) {
            extension.define(map, true);
        }
        return map.build();
    }

    /**
     * {@code context} (a document's {@code @context}: one URL, or an array) with the definitions of {@code more}
     * added to its inline map, which is created at the end when there is none: for documents Herald writes by
     * hand around what the vocabulary writes.
     */
    public static JsonValue extend(JsonValue context, Collection<Extension> more) {
        JsonArrayBuilder out = LimitedJsonParser.BUILDERS.createArrayBuilder();
        JsonObjectBuilder map = LimitedJsonParser.BUILDERS.createObjectBuilder();
        if (context instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (i == array.size() - 1 && array.get(i) instanceof JsonObject last) {
                    last.forEach(map::add);
                } else {
                    out.add(array.get(i));
                }
            }
        } else if (context != null) {
            out.add(context);
        }
        writeMap(more).forEach(map::add);
        return out.add(map).build();
    }

    /**
     * The inline map the reader compacts expanded documents against: every extension, plus the terms
     * Herald only reads. Without {@code "@type": "@id"}, so an IRI and a plain string both compact to
     * the short term (as {@code {"id": …}} or as a string); the reader accepts both.
     */
    static JsonObject readMap() {
        JsonObjectBuilder map = LimitedJsonParser.BUILDERS.createObjectBuilder();
        for (Extension extension : values()) {
            extension.define(map, false);
        }
        return map.add("quoteUrl", "as:quoteUrl")
                .add("_misskey_reaction", MISSKEY + "_misskey_reaction")
                .build();
    }

    private static JsonObjectBuilder term(String id, boolean coerceIds) {
        JsonObjectBuilder term =
                LimitedJsonParser.BUILDERS.createObjectBuilder().add("@id", id);
        return coerceIds ? term.add("@type", "@id") : term;
    }
}
