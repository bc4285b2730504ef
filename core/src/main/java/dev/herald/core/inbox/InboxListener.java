package dev.herald.core.inbox;

import dev.herald.core.store.Engagement;
import dev.herald.core.store.Follower;
import dev.herald.core.store.QuoteAuthorization;
import java.net.URI;

/**
 * What the site hears about processed activities, to react (a notification, a moderation queue, a counter on a
 * page). Every method has an empty default: implement the ones you need. Called on an inbox worker thread after
 * the change is stored; an exception is logged and does not undo or retry anything. An activity processed again
 * after a crash may be reported again.
 *
 * <p>Implementations must be thread-safe (several workers) and should return quickly.
 */
public interface InboxListener {
    /** Someone follows a local actor ({@code follower.state()} is {@code PENDING} while it awaits approval). */
    default void onFollow(Follower follower) {}

    /** Someone stopped following (an {@code Undo}, a rejection, a deletion, a {@code Move}). */
    default void onUnfollow(String localActor, URI follower) {}

    /** A follower moved to another account, which now follows instead. */
    default void onFollowerMoved(String localActor, URI from, URI to) {}

    /** A like, boost, reply or quote of one of the site's objects was recorded. */
    default void onEngagement(Engagement engagement) {}

    /** A like, boost, reply or quote was withdrawn or deleted. */
    default void onEngagementRemoved(Engagement engagement) {}

    /**
     * A remote post quotes one of the site's objects (Mastodon 4.5+, Misskey); called once, after {@link
     * #onEngagement} with the {@link Engagement.Kind#QUOTE} record.
     *
     * @param quoted the site's object
     * @param actor who quoted it
     * @param post the quoting post
     */
    default void onQuote(URI quoted, URI actor, URI post) {}

    /**
     * A remote actor asks to quote one of the site's posts (FEP-044f {@code QuoteRequest}): {@code request.state()}
     * is {@code PENDING} while it awaits {@link Inbox#approveQuote} or {@link Inbox#rejectQuote}, {@code ACCEPTED}
     * when the post's quote policy approved it at once ({@link #onQuote} follows). Refused requests are not reported.
     */
    default void onQuoteRequest(QuoteAuthorization request) {}

    /** A remote actor deleted its account; its follows and engagement are removed. */
    default void onActorDeleted(URI actor) {}

    /** A remote actor accepted ({@code true}) or rejected a follow a local actor sent. */
    default void onFollowAnswered(String localActor, URI followee, boolean accepted) {}
}
