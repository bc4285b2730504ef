package dev.herald.core.inbox;

import dev.herald.core.store.Engagement;
import dev.herald.core.store.Follower;
import dev.herald.core.store.QuoteAuthorization;
import java.net.URI;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the site's listener, logging what it throws instead of failing the processing. Thread-safe. */
final class Listeners implements InboxListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final InboxListener delegate;

    Listeners(InboxListener delegate) {
        this.delegate = delegate;
    }

    private void call(String what, Consumer<InboxListener> call) {
        try {
            call.accept(delegate);
        } catch (RuntimeException e) {
            LOG.warn("The inbox listener failed in {}: {}", what, e.toString());
        }
    }

    @Override
    public void onFollow(Follower follower) {
        call("onFollow", l -> l.onFollow(follower));
    }

    @Override
    public void onUnfollow(String localActor, URI follower) {
        call("onUnfollow", l -> l.onUnfollow(localActor, follower));
    }

    @Override
    public void onFollowerMoved(String localActor, URI from, URI to) {
        call("onFollowerMoved", l -> l.onFollowerMoved(localActor, from, to));
    }

    @Override
    public void onEngagement(Engagement engagement) {
        call("onEngagement", l -> l.onEngagement(engagement));
    }

    @Override
    public void onEngagementRemoved(Engagement engagement) {
        call("onEngagementRemoved", l -> l.onEngagementRemoved(engagement));
    }

    @Override
    public void onQuote(URI quoted, URI actor, URI post) {
        call("onQuote", l -> l.onQuote(quoted, actor, post));
    }

    @Override
    public void onQuoteRequest(QuoteAuthorization request) {
        call("onQuoteRequest", l -> l.onQuoteRequest(request));
    }

    @Override
    public void onActorDeleted(URI actor) {
        call("onActorDeleted", l -> l.onActorDeleted(actor));
    }

    @Override
    public void onFollowAnswered(String localActor, URI followee, boolean accepted) {
        call("onFollowAnswered", l -> l.onFollowAnswered(localActor, followee, accepted));
    }
}
