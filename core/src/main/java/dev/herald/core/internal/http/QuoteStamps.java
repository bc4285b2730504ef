package dev.herald.core.internal.http;

import dev.herald.core.http.HeraldResponse;
import dev.herald.core.internal.jsonld.ContextLibrary;
import dev.herald.core.internal.jsonld.Extension;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.StoredObject;
import dev.herald.core.vocab.Tombstone;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The site's {@code QuoteAuthorization} stamps (FEP-044f) by id: 200 with the stamp while the authorization is
 * accepted and the quoted post is there (Mastodon checks its {@code attributedTo}, {@code interactingObject} and
 * {@code interactionTarget} against the quote); 410 with a {@code Tombstone} once it was revoked or the quoted post
 * deleted; nothing (the caller's 404) for an unknown id or a request still pending. Not part of the API. Immutable
 * and thread-safe.
 */
final class QuoteStamps {
    private static final String TYPE = "QuoteAuthorization";

    private final Site site;

    QuoteStamps(Site site) {
        this.site = site;
    }

    /** The answer for the stamp {@code id}, if there is one. */
    Optional<HeraldResponse> lookup(URI id, boolean isPublic) {
        Optional<QuoteAuthorization> found = site.store().quoteAuthorizations().find(id);
        if (found.isEmpty() || found.get().state() == QuoteAuthorization.State.PENDING) {
            return Optional.empty();
        }
        QuoteAuthorization a = found.get();
        Optional<StoredObject> quoted = site.store().objects().find(a.target());
        if (a.state() == QuoteAuthorization.State.REVOKED) {
            return Optional.of(gone(a, a.decided()));
        }
        if (quoted.isEmpty() || quoted.get().isDeleted()) {
            return Optional.of(gone(a, quoted.flatMap(StoredObject::deleted)));
        }
        JsonObject stamp = Json.PROVIDER
                .createObjectBuilder()
                .add(
                        "@context",
                        Extension.extend(
                                Json.PROVIDER.createValue(ContextLibrary.ACTIVITYSTREAMS),
                                EnumSet.of(Extension.QUOTE_AUTHORIZATIONS)))
                .add("id", a.id().toString())
                .add("type", TYPE)
                .add("attributedTo", site.urls().actor(a.actor()).toString())
                .add("interactingObject", a.quotingPost().toString())
                .add("interactionTarget", a.target().toString())
                .build();
        return Optional.of(Responses.activity(200, stamp, isPublic));
    }

    private static HeraldResponse gone(QuoteAuthorization a, Optional<Instant> when) {
        Tombstone tombstone = new Tombstone(a.id(), Optional.of(TYPE), when);
        return Responses.activity(410, DocumentWriter.create().writeBytes(tombstone), true);
    }
}
