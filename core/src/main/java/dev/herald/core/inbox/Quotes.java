package dev.herald.core.inbox;

import dev.herald.core.fetch.FetchException;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.fetch.RemoteFetcher;
import dev.herald.core.internal.http.Json;
import dev.herald.core.internal.jsonld.Extension;
import dev.herald.core.outbox.QuotePolicy;
import dev.herald.core.outbox.internal.QuotePolicies;
import dev.herald.core.store.Engagement;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.StoredObject;
import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ApObject;
import dev.herald.core.vocab.ObjectRef;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quote consent for the site's posts (FEP-044f, as Mastodon 4.5 and GoToSocial ask for it). A {@code QuoteRequest}
 * (object: a post of the site; instrument: the requester's quoting post) is answered by the post's {@link
 * QuotePolicy}: accepted at once (a {@link QuoteAuthorization} stored, the quote recorded as engagement, a signed
 * {@code Accept} whose {@code result} is the authorization's id sent to the requester), kept pending for {@link
 * #approve}/{@link #reject}, or refused with a {@code Reject} and nothing stored. The quoting post is taken from the
 * request when it is embedded (its id must be on the requester's origin), else fetched, and must be the requester's
 * and quote the post. {@link #revoke} withdraws an authorization and sends its {@code Delete}. Redelivered and
 * reprocessed requests get the same answer again. Thread-safe.
 */
final class Quotes {
    private static final Logger LOG = LoggerFactory.getLogger(Quotes.class);
    private static final String AS = "https://www.w3.org/ns/activitystreams";

    private final HeraldStore store;
    private final LocalActors locals;
    private final RemoteActors actors;
    private final ActivitySender sender;
    private final Listeners listener;
    private final Clock clock;

    Quotes(
            HeraldStore store,
            LocalActors locals,
            RemoteActors actors,
            ActivitySender sender,
            Listeners listener,
            Clock clock) {
        this.store = store;
        this.locals = locals;
        this.actors = actors;
        this.sender = sender;
        this.listener = listener;
        this.clock = clock;
    }

    /** Answers a {@code QuoteRequest}. */
    void request(Activity request) throws IOException {
        URI requester = request.actor();
        Optional<URI> target = request.objectId();
        Optional<ObjectRef> instrument = request.instrument();
        Optional<URI> quoting = instrument.flatMap(ObjectRef::id);
        if (target.isEmpty() || quoting.isEmpty()) {
            return; // the door refuses these
        }
        Optional<StoredObject> quoted = livePost(target.get());
        if (quoted.isEmpty()) {
            LOG.info("Ignored a QuoteRequest by {} of {}: not a post of this site", requester, target.get());
            return;
        }
        if (!RemoteFetcher.sameOrigin(quoting.get(), requester)) {
            LOG.info(
                    "Ignored a QuoteRequest by {}: the quoting post {} is on another origin", requester, quoting.get());
            return;
        }
        String username = quoted.get().actor();
        Request asked = new Request(
                username, target.get(), quoting.get(), requester, request.id().orElseThrow());
        URI id = authorizationId(username, target.get(), quoting.get());
        Optional<QuoteAuthorization> known = store.quoteAuthorizations().find(id);
        if (known.isPresent()) {
            answerAgain(known.get(), asked);
            return;
        }
        URI inbox = actors.actor(requester).inbox();
        QuotePolicies.Decision decision = QuotePolicies.decide(policy(quoted.get()), follows(username, requester));
        if (decision == QuotePolicies.Decision.REJECT) {
            send("Reject", asked, Optional.empty(), inbox);
            LOG.info("Refused the quote of {} by {}", target.get(), requester);
            return;
        }
        Optional<RemotePost> post = quotingPost(instrument.get(), asked);
        if (post.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        QuoteAuthorization authorization = new QuoteAuthorization(
                id,
                username,
                target.get(),
                quoting.get(),
                requester,
                asked.request(),
                inbox,
                QuoteAuthorization.State.PENDING,
                now,
                Optional.empty());
        if (decision == QuotePolicies.Decision.ASK) {
            store.quoteAuthorizations().put(authorization);
            LOG.info("{} asks to quote {} (pending approval)", requester, target.get());
            listener.onQuoteRequest(authorization);
            return;
        }
        QuoteAuthorization accepted = authorization.withState(QuoteAuthorization.State.ACCEPTED, now);
        listener.onQuoteRequest(accepted);
        accept(accepted, post.get());
    }

    private void answerAgain(QuoteAuthorization known, Request asked) throws IOException {
        if (!known.quotingActor().equals(asked.requester())) {
            LOG.info(
                    "Ignored a QuoteRequest by {} for {}, asked by {}",
                    asked.requester(),
                    known.id(),
                    known.quotingActor());
            return;
        }
        switch (known.state()) {
            // A repeated request (a lost answer, a reprocessed activity) gets the same answer.
            case ACCEPTED -> send("Accept", asked, Optional.of(known.id()), known.inbox());
            case REVOKED -> send("Reject", asked, Optional.empty(), known.inbox());
            case PENDING -> LOG.debug("The quote request {} is still pending", known.id());
        }
    }

    /** Stores the accepted authorization, records the quote, and sends the Accept. */
    private void accept(QuoteAuthorization accepted, RemotePost post) throws IOException {
        store.quoteAuthorizations().put(accepted);
        LOG.info("Accepted the quote of {} by {}", accepted.target(), accepted.quotingActor());
        recordQuote(post, accepted.target(), accepted.decided().orElseThrow());
        send(
                "Accept",
                new Request(
                        accepted.actor(),
                        accepted.target(),
                        accepted.quotingPost(),
                        accepted.quotingActor(),
                        accepted.request()),
                Optional.of(accepted.id()),
                accepted.inbox());
    }

    /** Approves a pending request. False if there is none, or its quoted or quoting post is gone (then dropped). */
    boolean approve(URI id) throws IOException {
        Optional<QuoteAuthorization> pending = pending(id);
        if (pending.isEmpty()) {
            return false;
        }
        QuoteAuthorization asked = pending.get();
        if (livePost(asked.target()).isEmpty()) {
            store.quoteAuthorizations().remove(id);
            return false;
        }
        Optional<RemotePost> post;
        try {
            post = quotingPost(ObjectRef.of(asked.quotingPost()), request(asked));
        } catch (FetchException e) {
            if (isPermanent(e)) {
                LOG.info("Dropped the quote request {}: {}", id, e.getMessage());
                store.quoteAuthorizations().remove(id);
                return false;
            }
            throw new IOException("could not fetch the quoting post " + asked.quotingPost() + ": " + e.getMessage(), e);
        }
        if (post.isEmpty()) {
            store.quoteAuthorizations().remove(id);
            return false;
        }
        accept(asked.withState(QuoteAuthorization.State.ACCEPTED, clock.instant()), post.get());
        return true;
    }

    /** Rejects a pending request: removed, and a Reject sent. False if there is none. */
    boolean reject(URI id) throws IOException {
        Optional<QuoteAuthorization> pending = pending(id);
        if (pending.isEmpty() || !store.quoteAuthorizations().remove(id)) {
            return false;
        }
        LOG.info(
                "Rejected the quote of {} by {}",
                pending.get().target(),
                pending.get().quotingActor());
        send("Reject", request(pending.get()), Optional.empty(), pending.get().inbox());
        return true;
    }

    /**
     * Revokes an accepted authorization: it answers 410 from now on, the quote is no longer counted, and a {@code
     * Delete} of the authorization is sent to the quoting actor. False if there is no such accepted authorization.
     */
    boolean revoke(URI id) throws IOException {
        Optional<QuoteAuthorization> found = store.quoteAuthorizations().find(id);
        if (found.isEmpty() || found.get().state() != QuoteAuthorization.State.ACCEPTED) {
            return false;
        }
        QuoteAuthorization revoked = found.get().withState(QuoteAuthorization.State.REVOKED, clock.instant());
        store.quoteAuthorizations().put(revoked);
        removeQuote(revoked);
        LOG.info("Revoked the quote of {} by {}", revoked.target(), revoked.quotingActor());
        URI actor = locals.actorId(revoked.actor());
        JsonObject delete = Json.PROVIDER
                .createObjectBuilder()
                .add("@context", AS)
                .add("id", revoked.id() + "#delete")
                .add("type", "Delete")
                .add("actor", actor.toString())
                .add("object", revoked.id().toString())
                .add("to", Json.PROVIDER.createArrayBuilder().add(QuotePolicies.PUBLIC))
                .build();
        sender.send(revoked.actor(), URI.create(revoked.id() + "#delete"), revoked.inbox(), bytes(delete));
        return true;
    }

    /** The quoting post {@code post} of {@code actor} was deleted: its requests dropped, its authorizations revoked. */
    void quotingPostDeleted(URI post, URI actor) {
        for (QuoteAuthorization a : store.quoteAuthorizations().findByQuotingPost(post)) {
            if (!a.quotingActor().equals(actor)) {
                continue;
            }
            if (a.state() == QuoteAuthorization.State.PENDING) {
                store.quoteAuthorizations().remove(a.id());
            } else if (a.state() == QuoteAuthorization.State.ACCEPTED) {
                store.quoteAuthorizations().put(a.withState(QuoteAuthorization.State.REVOKED, clock.instant()));
            }
        }
    }

    /**
     * A post that quotes {@code target} was created ({@code Create}; Misskey and older servers quote without asking):
     * it counts as engagement if its quote is authorized, or the post's policy would approve it at once. A quote that
     * waits for approval, was refused or revoked does not count.
     */
    void quoteCreated(RemotePost post, URI target, Instant at) {
        Optional<StoredObject> quoted = livePost(target);
        if (quoted.isEmpty()) {
            return;
        }
        String username = quoted.get().actor();
        Optional<QuoteAuthorization> given =
                store.quoteAuthorizations().find(authorizationId(username, target, post.id()));
        boolean counts = given.isPresent()
                ? given.get().state() == QuoteAuthorization.State.ACCEPTED
                        && given.get().quotingActor().equals(post.author())
                : QuotePolicies.decide(policy(quoted.get()), follows(username, post.author()))
                        == QuotePolicies.Decision.ACCEPT;
        if (!counts) {
            LOG.info("Not counted: the quote of {} by {} is not authorized", target, post.author());
            return;
        }
        recordQuote(post, target, at);
    }

    /** Records the quote of {@code target} by {@code post} as engagement; tells the listener the first time. */
    private boolean recordQuote(RemotePost post, URI target, Instant at) {
        Engagement quote = new Engagement(
                Engagement.Kind.QUOTE,
                target,
                post.author(),
                post.id(), // keyed by the post's own id: a Delete names the post, not its Create
                at,
                Optional.of(post.url().orElse(post.id())),
                post.content().map(HtmlSanitizer::sanitize));
        if (!store.engagement().record(quote)) {
            return false;
        }
        LOG.info("QUOTE of {} by {}", target, post.author());
        listener.onEngagement(quote);
        listener.onQuote(target, post.author(), post.id());
        return true;
    }

    private void removeQuote(QuoteAuthorization revoked) {
        Optional<Engagement> quote = store.engagement().find(revoked.quotingPost());
        if (quote.isPresent()
                && quote.get().kind() == Engagement.Kind.QUOTE
                && quote.get().objectId().equals(revoked.target())
                && store.engagement().undo(revoked.quotingPost())) {
            listener.onEngagementRemoved(quote.get());
        }
    }

    /** As the inbox treats them: a missing or unusable document, or a refused address, will not get better. */
    private static boolean isPermanent(FetchException e) {
        return e.isGone()
                || e.kind() == FetchException.Kind.INVALID_DOCUMENT
                || e.kind() == FetchException.Kind.ORIGIN_MISMATCH
                || e.kind() == FetchException.Kind.REFUSED;
    }

    private Optional<QuoteAuthorization> pending(URI id) {
        return store.quoteAuthorizations().find(id).filter(a -> a.state() == QuoteAuthorization.State.PENDING);
    }

    /**
     * The quoting post: the embedded one (its id is on the requester's origin, checked before), else fetched from its
     * own origin. Empty, with a log line, unless it is the requester's and quotes the requested post.
     */
    private Optional<RemotePost> quotingPost(ObjectRef instrument, Request asked) {
        ApObject object = instrument.embedded().orElse(null);
        if (object == null) {
            object = actors.fetcher().fetch(asked.quotingPost()).document().object();
        }
        Optional<RemotePost> post = RemotePost.of(object)
                .filter(p -> p.id().equals(asked.quotingPost()))
                .filter(p -> p.author().equals(asked.requester()))
                .filter(p -> p.quote().filter(asked.target()::equals).isPresent());
        if (post.isEmpty()) {
            LOG.info(
                    "Ignored a QuoteRequest by {}: {} is not a post of theirs that quotes {}",
                    asked.requester(),
                    asked.quotingPost(),
                    asked.target());
        }
        return post;
    }

    private Optional<StoredObject> livePost(URI id) {
        if (!RemoteFetcher.sameOrigin(id, locals.urls().origin())) {
            return Optional.empty();
        }
        return store.objects().find(id).filter(o -> !o.isDeleted()).filter(o -> locals.profile(o.actor())
                .isPresent());
    }

    /** The post's written policy; a post published before Herald wrote policies gets its visibility's default. */
    private QuotePolicy policy(StoredObject post) {
        if (post.visibility() == StoredObject.Visibility.FOLLOWERS) {
            return QuotePolicy.NOBODY;
        }
        try (JsonReader reader = Json.PROVIDER.createReader(new StringReader(post.json()))) {
            return QuotePolicies.read(reader.readObject(), locals.urls().followers(post.actor()))
                    .orElse(QuotePolicy.PUBLIC);
        } catch (RuntimeException e) {
            LOG.warn("The stored post {} is not readable JSON: {}", post.id(), e.toString());
            return QuotePolicy.NOBODY;
        }
    }

    private boolean follows(String username, URI remote) {
        return store.followers()
                .find(username, remote)
                .map(f -> f.state() == Follower.State.ACCEPTED)
                .orElse(false);
    }

    /**
     * Sends an {@code Accept} (with the authorization as {@code result}) or a {@code Reject} that embeds the request
     * as Mastodon does: its id, actor, object and the quoting post's id as instrument.
     */
    private void send(String type, Request asked, Optional<URI> result, URI inbox) throws IOException {
        URI actor = locals.actorId(asked.username());
        URI id = URI.create(actor + "#" + type.toLowerCase(java.util.Locale.ROOT) + "s/" + UUID.randomUUID());
        JsonObjectBuilder activity = Json.PROVIDER
                .createObjectBuilder()
                .add("@context", Extension.extend(Json.PROVIDER.createValue(AS), EnumSet.of(Extension.QUOTE_REQUESTS)))
                .add("id", id.toString())
                .add("type", type)
                .add("actor", actor.toString())
                .add(
                        "to",
                        Json.PROVIDER.createArrayBuilder().add(asked.requester().toString()))
                .add(
                        "object",
                        Json.PROVIDER
                                .createObjectBuilder()
                                .add("id", asked.request().toString())
                                .add("type", "QuoteRequest")
                                .add("actor", asked.requester().toString())
                                .add("object", asked.target().toString())
                                .add("instrument", asked.quotingPost().toString()));
        result.ifPresent(r -> activity.add("result", r.toString()));
        sender.send(asked.username(), id, inbox, bytes(activity.build()));
        LOG.info("Sent {} of the quote request {} to {}", type, asked.request(), inbox);
    }

    /** Where an authorization lives: under the quoted post's actor, named by the pair it authorizes. */
    private URI authorizationId(String username, URI target, URI quotingPost) {
        // The same pair always gets the same id: a repeated or concurrent request finds the authorization given.
        UUID name = UUID.nameUUIDFromBytes((target + "\n" + quotingPost).getBytes(StandardCharsets.UTF_8));
        return URI.create(locals.actorId(username) + "/quote-authorizations/" + name);
    }

    private static Request request(QuoteAuthorization a) {
        return new Request(a.actor(), a.target(), a.quotingPost(), a.quotingActor(), a.request());
    }

    private static byte[] bytes(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What a request asked: the local actor and post, the quoting post and its author, the request's id. */
    private record Request(String username, URI target, URI quotingPost, URI requester, URI request) {}
}
