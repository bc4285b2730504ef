package dev.herald.core.internal.http;

import dev.herald.core.nodeinfo.NodeInfo;
import dev.herald.core.store.ObjectStore;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * NodeInfo's figures from the store: the actors, those whose newest object is at most 30 and 180 days old, and
 * the objects not deleted. Not part of the API. Immutable and thread-safe.
 */
final class Usage {
    private final Site site;

    Usage(Site site) {
        this.site = site;
    }

    NodeInfo.Usage now() {
        Instant now = site.clock().instant();
        Instant month = now.minus(Duration.ofDays(30));
        Instant halfYear = now.minus(Duration.ofDays(180));
        ObjectStore objects = site.store().objects();
        long activeMonth = 0;
        long activeHalfyear = 0;
        long posts = 0;
        for (String username : site.profiles().keySet()) {
            posts += objects.countByActor(username);
            List<StoredObject> newest =
                    objects.listByActor(username, PageRequest.first(1)).items();
            if (!newest.isEmpty()) {
                Instant published = newest.get(0).published();
                activeMonth += published.isAfter(month) ? 1 : 0;
                activeHalfyear += published.isAfter(halfYear) ? 1 : 0;
            }
        }
        return new NodeInfo.Usage(site.profiles().size(), activeMonth, activeHalfyear, posts);
    }
}
