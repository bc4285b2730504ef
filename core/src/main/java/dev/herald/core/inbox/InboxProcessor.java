package dev.herald.core.inbox;

import dev.herald.core.fetch.FetchException;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.fetch.RemoteFetcher;
import dev.herald.core.jsonld.DocumentReader;
import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.store.Engagement;
import dev.herald.core.store.Following;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.InboxActivity;
import dev.herald.core.store.StoredObject;
import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ApObject;
import dev.herald.core.vocab.ObjectRef;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one stored, verified activity: follows, undos, likes, boosts, replies, quotes and quote requests, deletes,
 * moves, updates, accepts and rejects. Idempotent: applying an activity twice leaves the store as applying it once
 * (the Accept of a follow, or of a quote request, may be sent twice). An activity may only create, change or delete objects on its actor's origin;
 * objects embedded from another origin are fetched from their own origin first. Thread-safe.
 */
final class InboxProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(InboxProcessor.class);

    /** Processing failed for now (the network); try again later. */
    static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;

        Retry(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HeraldStore store;
    private final LocalActors locals;
    private final RemoteActors actors;
    private final DocumentReader reader;
    private final Follows follows;
    private final Deletions deletions;
    private final Quotes quotes;
    private final Listeners listener;
    private final Clock clock;

    InboxProcessor(
            HeraldStore store,
            LocalActors locals,
            RemoteActors actors,
            DocumentReader reader,
            Follows follows,
            Deletions deletions,
            Quotes quotes,
            Listeners listener,
            Clock clock) {
        this.store = store;
        this.locals = locals;
        this.actors = actors;
        this.reader = reader;
        this.follows = follows;
        this.deletions = deletions;
        this.quotes = quotes;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Applies {@code stored}.
     *
     * @throws Retry when it should be tried again later
     */
    void process(InboxActivity stored) throws Retry {
        Activity activity;
        try {
            activity = reader.read(stored.json()).as(Activity.class).orElse(null);
        } catch (InvalidDocumentException e) {
            LOG.info("Dropped unreadable stored activity {}: {}", stored.activityId(), e.getMessage());
            return;
        }
        if (activity == null || !activity.actor().equals(stored.actor())) {
            return;
        }
        try {
            apply(activity, stored);
        } catch (FetchException e) {
            // A refused address (the network policy) is as permanent as a missing document: retrying only asks the
            // policy again, for hours.
            if (e.isGone()
                    || e.kind() == FetchException.Kind.INVALID_DOCUMENT
                    || e.kind() == FetchException.Kind.ORIGIN_MISMATCH
                    || e.kind() == FetchException.Kind.REFUSED) {
                LOG.info("Dropped {} {}: {}", activity.typeName(), stored.activityId(), e.getMessage());
                return;
            }
            throw new Retry(e.getMessage(), e);
        } catch (IOException e) {
            throw new Retry(e.getMessage(), e);
        }
    }

    private void apply(Activity activity, InboxActivity stored) throws IOException {
        switch (activity.type()) {
            case FOLLOW -> follows.follow(activity, stored.json());
            case UNDO -> undo(activity);
            case LIKE -> react(Engagement.Kind.LIKE, activity);
            case ANNOUNCE -> react(Engagement.Kind.BOOST, activity);
            case CREATE -> create(activity);
            case UPDATE -> update(activity);
            case DELETE -> delete(activity);
            case MOVE -> move(activity);
            case ACCEPT -> answer(activity, true);
            case REJECT -> answer(activity, false);
            case QUOTE_REQUEST -> quotes.request(activity);
            default -> LOG.debug("Ignored a {} from {}", activity.typeName(), activity.actor());
        }
    }

    private void undo(Activity undo) {
        Optional<ObjectRef> object = undo.object();
        if (object.isEmpty()) {
            return;
        }
        Optional<Activity> embedded =
                object.get().embedded().filter(Activity.class::isInstance).map(Activity.class::cast);
        if (embedded.isPresent() && !embedded.get().actor().equals(undo.actor())) {
            return; // one may only undo one's own activities
        }
        Optional<URI> undoneId = object.get().id();
        if (embedded.map(a -> a.type() == ActivityType.FOLLOW).orElse(false)) {
            follows.unfollow(undo.actor(), embedded.get().objectId(), undoneId);
            return;
        }
        if (undoneId.isPresent()) {
            Optional<Engagement> reaction = store.engagement().find(undoneId.get());
            if (reaction.isPresent()) {
                if (reaction.get().actor().equals(undo.actor())
                        && store.engagement().undo(undoneId.get())) {
                    listener.onEngagementRemoved(reaction.get());
                }
                return;
            }
        }
        if (embedded.isPresent() && embedded.get().objectId().isPresent()) {
            Engagement.Kind kind = embedded.get().type() == ActivityType.LIKE
                    ? Engagement.Kind.LIKE
                    : embedded.get().type() == ActivityType.ANNOUNCE ? Engagement.Kind.BOOST : null;
            if (kind != null) {
                store.engagement().undo(kind, embedded.get().objectId().get(), undo.actor());
            }
            return;
        }
        // A bare link: maybe a Follow.
        undoneId.ifPresent(id -> follows.unfollow(undo.actor(), Optional.empty(), Optional.of(id)));
    }

    private void react(Engagement.Kind kind, Activity activity) {
        Optional<URI> object = activity.objectId();
        if (object.isEmpty() || !isLocalObject(object.get())) {
            return;
        }
        record(new Engagement(
                kind,
                object.get(),
                activity.actor(),
                activity.id().orElseThrow(),
                activity.published().orElse(clock.instant()),
                Optional.empty(),
                Optional.empty()));
    }

    private boolean record(Engagement engagement) {
        if (store.engagement().record(engagement)) {
            LOG.info("{} of {} by {}", engagement.kind(), engagement.objectId(), engagement.actor());
            listener.onEngagement(engagement);
            return true;
        }
        return false;
    }

    /** A post of the activity's actor, from its embedded form when it is on the actor's origin, else fetched. */
    private Optional<RemotePost> post(Activity activity) {
        Optional<ObjectRef> ref = activity.object();
        if (ref.isEmpty() || ref.get().id().isEmpty()) {
            return Optional.empty();
        }
        URI id = ref.get().id().get();
        if (!RemoteFetcher.sameOrigin(id, activity.actor())) {
            LOG.info(
                    "Ignored a {} by {} of {}, an object of another origin", activity.typeName(), activity.actor(), id);
            return Optional.empty();
        }
        ApObject object = ref.get().embedded().orElse(null);
        if (object == null) {
            object = actors.fetcher().fetch(id).document().object();
        }
        return RemotePost.of(object).filter(p -> p.author().equals(activity.actor()));
    }

    private void create(Activity activity) {
        Optional<RemotePost> post = post(activity);
        if (post.isEmpty()) {
            return;
        }
        RemotePost p = post.get();
        p.inReplyTo()
                .filter(this::isLocalObject)
                .ifPresent(target -> record(post(Engagement.Kind.REPLY, p, target, activity)));
        // A post that replies to one of ours and quotes another is recorded once, as the reply.
        if (p.inReplyTo().filter(this::isLocalObject).isEmpty()) {
            p.quote()
                    .filter(this::isLocalObject)
                    .ifPresent(quoted ->
                            quotes.quoteCreated(p, quoted, activity.published().orElse(clock.instant())));
        }
    }

    private Engagement post(Engagement.Kind kind, RemotePost post, URI target, Activity activity) {
        // Keyed by the post's own id: a Delete names the note, not its Create.
        return new Engagement(
                kind,
                target,
                post.author(),
                post.id(),
                activity.published().orElse(clock.instant()),
                Optional.of(post.url().orElse(post.id())),
                post.content().map(HtmlSanitizer::sanitize));
    }

    private void update(Activity activity) {
        if (activity.objectId().filter(activity.actor()::equals).isPresent()) {
            Actor fresh = actors.refresh(activity.actor());
            follows.refreshInboxes(fresh);
            return;
        }
        Optional<RemotePost> post = post(activity);
        if (post.isEmpty()) {
            return;
        }
        Optional<Engagement> known = store.engagement().find(post.get().id());
        if (known.isPresent()
                && (known.get().kind() == Engagement.Kind.REPLY || known.get().kind() == Engagement.Kind.QUOTE)
                && known.get().actor().equals(activity.actor())) {
            store.engagement().undo(post.get().id());
            store.engagement()
                    .record(post(known.get().kind(), post.get(), known.get().objectId(), activity));
        }
    }

    private void delete(Activity activity) {
        Optional<URI> object = activity.objectId();
        if (object.isEmpty()) {
            return;
        }
        if (object.get().equals(activity.actor())) {
            deletions.actorDeleted(activity.actor());
            return;
        }
        if (!RemoteFetcher.sameOrigin(object.get(), activity.actor())) {
            return;
        }
        Optional<Engagement> known = store.engagement().find(object.get());
        if (known.isPresent()
                && known.get().actor().equals(activity.actor())
                && store.engagement().undo(object.get())) {
            listener.onEngagementRemoved(known.get());
        }
        quotes.quotingPostDeleted(object.get(), activity.actor());
    }

    private void move(Activity activity) {
        if (activity.objectId().filter(activity.actor()::equals).isEmpty()
                || activity.target().isEmpty()) {
            return;
        }
        URI from = activity.actor();
        URI to = activity.target().get();
        Actor target = actors.refresh(to);
        if (!target.alsoKnownAs().contains(from)) {
            LOG.info("Ignored the Move of {} to {}: the target does not list it in alsoKnownAs", from, to);
            return;
        }
        follows.move(from, target);
    }

    private void answer(Activity activity, boolean accepted) {
        Optional<ObjectRef> object = activity.object();
        if (object.isEmpty()) {
            return;
        }
        Optional<Activity> follow =
                object.get().embedded().filter(Activity.class::isInstance).map(Activity.class::cast);
        for (String username : locals.usernames()) {
            Optional<Following> sent = store.following().find(username, activity.actor());
            if (sent.isEmpty()) {
                continue;
            }
            boolean matches = follow.map(
                            f -> f.type() == ActivityType.FOLLOW && f.actor().equals(locals.actorId(username)))
                    .orElseGet(() ->
                            sent.get().followActivity().equals(object.get().id())
                                    || sent.get().followActivity().isEmpty());
            if (!matches) {
                continue;
            }
            if (accepted) {
                Following f = sent.get();
                store.following().put(new Following(f.actor(), f.followee(), f.followActivity(), true, f.since()));
            } else {
                store.following().remove(username, activity.actor());
            }
            LOG.info("{} {} the follow of {}", activity.actor(), accepted ? "accepted" : "rejected", username);
            listener.onFollowAnswered(username, activity.actor(), accepted);
        }
    }

    private boolean isLocalObject(URI id) {
        if (!RemoteFetcher.sameOrigin(id, locals.urls().origin())) {
            return false;
        }
        Optional<StoredObject> object = store.objects().find(id);
        return object.isPresent() && !object.get().isDeleted();
    }
}
