package dev.herald.core.inbox;

import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.store.HeraldStore;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a remote actor's deletion removes: its follows of every local actor, its engagement, its quote requests and
 * authorizations, its cached copy.
 */
final class Deletions {
    private static final Logger LOG = LoggerFactory.getLogger(Deletions.class);

    private final HeraldStore store;
    private final LocalActors locals;
    private final RemoteActors actors;
    private final Listeners listener;

    Deletions(HeraldStore store, LocalActors locals, RemoteActors actors, Listeners listener) {
        this.store = store;
        this.locals = locals;
        this.actors = actors;
        this.listener = listener;
    }

    /** Whether Herald keeps nothing about {@code actor}: not cached, following no local actor. */
    boolean isUnknown(URI actor) {
        if (store.remoteActors().find(actor).isPresent()) {
            return false;
        }
        for (String username : locals.usernames()) {
            if (store.followers().find(username, actor).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /** Removes everything of {@code actor}. Idempotent. */
    void actorDeleted(URI actor) {
        for (String username : locals.usernames()) {
            if (store.followers().remove(username, actor)) {
                listener.onUnfollow(username, actor);
            }
        }
        int reactions = store.engagement().removeByActor(actor);
        int quotes = store.quoteAuthorizations().removeByQuotingActor(actor);
        actors.forget(actor);
        LOG.info(
                "Remote actor {} was deleted: removed its follows, {} reactions and {} quote authorizations",
                actor,
                reactions,
                quotes);
        listener.onActorDeleted(actor);
    }
}
