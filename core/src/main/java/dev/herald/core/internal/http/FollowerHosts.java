package dev.herald.core.internal.http;

import dev.herald.core.store.Follower;
import dev.herald.core.store.FollowerStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import java.net.URI;
import java.util.Optional;

/**
 * Whether a signer speaks for a server where an actor has an accepted follower: the signer itself follows, or
 * another follower's id is on the signer's host (Mastodon signs fetches with its instance actor, not with the
 * follower). Not part of the API. Immutable and thread-safe.
 */
final class FollowerHosts {
    private final FollowerStore followers;

    FollowerHosts(FollowerStore followers) {
        this.followers = followers;
    }

    /** Whether {@code signer}, or someone on its host, follows {@code actor}. */
    boolean has(String actor, URI signer) {
        Optional<Follower> direct = followers.find(actor, signer);
        if (direct.isPresent() && direct.get().state() == Follower.State.ACCEPTED) {
            return true;
        }
        String host = signer.getHost();
        if (host == null) {
            return false;
        }
        // The store has no query by host yet: walk the followers, largest pages first. Linear, but only for
        // followers-only objects under authorized fetch.
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Follower> page = followers.list(actor, Follower.State.ACCEPTED, request);
            for (Follower follower : page.items()) {
                if (host.equalsIgnoreCase(follower.follower().getHost())) {
                    return true;
                }
            }
            if (page.next().isEmpty()) {
                return false;
            }
            request = PageRequest.after(page.next().get(), PageRequest.MAX_LIMIT);
        }
    }
}
