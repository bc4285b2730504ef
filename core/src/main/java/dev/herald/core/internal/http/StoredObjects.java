package dev.herald.core.internal.http;

import dev.herald.core.http.HeraldResponse;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.store.StoredObject;
import dev.herald.core.vocab.Tombstone;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's objects by id (the public origin and the request path): 200 with the stored JSON, 410 with a
 * {@code Tombstone} once deleted, 404 for anything unknown; the quote authorizations given ({@link QuoteStamps})
 * too. A followers-only object is shown only to a signed fetch from a server where the object's actor has an
 * accepted follower, which needs authorized fetch; to anyone else it does not exist. Not part of the API. Immutable and thread-safe.
 */
final class StoredObjects {
    private static final Logger LOG = LoggerFactory.getLogger(StoredObjects.class);

    private final Site site;
    private final FollowerHosts followerHosts;
    private final QuoteStamps stamps;

    StoredObjects(Site site) {
        this.site = site;
        this.followerHosts = new FollowerHosts(site.store().followers());
        this.stamps = new QuoteStamps(site);
    }

    /**
     * The answer for the object at {@code path}.
     *
     * @param signer who signed the fetch, when authorized fetch is on (and the signature verified)
     */
    HeraldResponse lookup(String path, Optional<URI> signer) {
        URI id;
        try {
            id = new URI(site.urls().origin() + path);
        } catch (URISyntaxException e) {
            return notFound();
        }
        Optional<StoredObject> found = site.store().objects().find(id);
        if (found.isEmpty()) {
            return stamps.lookup(id, !site.authorizedFetch()).orElseGet(StoredObjects::notFound);
        }
        StoredObject object = found.get();
        boolean isPublic = !site.authorizedFetch();
        if (object.isDeleted()) {
            Tombstone tombstone = new Tombstone(object.id(), Optional.of(object.type()), object.deleted());
            return Responses.activity(410, DocumentWriter.create().writeBytes(tombstone), isPublic);
        }
        if (object.visibility() == StoredObject.Visibility.FOLLOWERS) {
            if (signer.isEmpty() || !followerHosts.has(object.actor(), signer.get())) {
                // 404, not 403: whether a followers-only post exists is itself private.
                return notFound();
            }
            isPublic = false;
        }
        byte[] body = object.json().getBytes(StandardCharsets.UTF_8);
        if (body.length > Responses.MAX_DOCUMENT_BYTES) {
            LOG.warn("Object {} is {} bytes: Mastodon refuses documents over 1 MB", id, body.length);
        }
        return Responses.activity(200, body, isPublic);
    }

    private static HeraldResponse notFound() {
        return Responses.error(404, "no such object", true);
    }
}
