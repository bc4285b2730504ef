package dev.herald.core.inbox;

import dev.herald.core.fetch.FetchException;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.fetch.RemoteFetcher;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.inbox.InboxReply.Outcome;
import dev.herald.core.internal.http.Responses;
import dev.herald.core.jsonld.DocumentReader;
import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.jsonld.ReadDocument;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.InboxActivity;
import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.ObjectRef;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyIds;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.SignatureVerifier;
import dev.herald.signatures.VerificationKey;
import dev.herald.signatures.VerificationPolicy;
import dev.herald.signatures.VerificationResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks a POST passes before anything is stored, cheapest first: size (413), content type (415), the
 * signing server's domain block and rate (403, 429), the signature (401; the key fetched through the cache; the
 * covered host is the site's own), the activity itself (400: readable, one with an id on its actor's origin; a
 * {@code QuoteRequest} with one quoted post and a quoting post on that origin),
 * signer = actor (401), the actor's block (403); then the store (202, or 503). Two
 * self-deletions are acknowledged without storing: one from an actor Herald never knew (no key fetch at all, as
 * Mastodon does), and one whose key is gone (404/410), which is the deletion it claims to be. Never throws for bad
 * input. Thread-safe.
 */
final class InboxDoor {
    private static final Logger LOG = LoggerFactory.getLogger(InboxDoor.class);
    private static final Pattern KEY_ID = Pattern.compile("(?i)keyid\\s*=\\s*\"([^\"]*)\"");

    private final URI origin;
    private final HeraldStore store;
    private final RemoteActors actors;
    private final Blocklist blocklist;
    private final RateLimiter rate;
    private final DocumentReader reader;
    private final VerificationPolicy policy;
    private final int maxBodyBytes;
    private final Clock clock;
    private final Deletions deletions;
    private final Runnable wake;

    InboxDoor(
            URI origin,
            HeraldStore store,
            RemoteActors actors,
            Blocklist blocklist,
            InboxSettings settings,
            DocumentReader reader,
            Clock clock,
            Deletions deletions,
            Runnable wake) {
        this.origin = origin;
        this.store = store;
        this.actors = actors;
        this.blocklist = blocklist;
        this.rate = new RateLimiter(settings.requestsPerMinute(), settings.burst(), clock);
        this.reader = reader;
        this.policy = VerificationPolicy.builder().clock(clock).build();
        this.maxBodyBytes = settings.maxBodyBytes();
        this.clock = clock;
        this.deletions = deletions;
        this.wake = wake;
    }

    InboxReply receive(HeraldRequest request) {
        try {
            return check(request);
        } catch (RuntimeException e) {
            // A failing store or cache: the sender retries later; nothing was taken.
            LOG.warn("Inbox could not take a request now: {}", e.toString());
            LOG.debug("The failure in full", e);
            return InboxReply.of(503, Outcome.UNAVAILABLE, "the server cannot take activities now; try again later");
        }
    }

    private InboxReply check(HeraldRequest request) {
        if (request.bodyLength() > maxBodyBytes) {
            return InboxReply.of(413, Outcome.TOO_LARGE, "the body is larger than " + maxBodyBytes + " bytes");
        }
        String type = request.headers().first("Content-Type").orElse("");
        if (!RemoteFetcher.isActivityJson(type)) {
            return InboxReply.of(
                    415,
                    Outcome.WRONG_CONTENT_TYPE,
                    "send application/activity+json or application/ld+json, not '" + Responses.printable(type) + "'");
        }
        Optional<URI> keyId = peekKeyId(request);
        String server = keyId.map(URI::getHost).orElse("");
        if (blocklist.isDomainBlocked(server)) {
            return InboxReply.of(403, Outcome.BLOCKED, "the server " + server + " is blocked here");
        }
        Optional<Duration> wait = rate.acquire(server);
        if (wait.isPresent()) {
            return new InboxReply(429, Outcome.RATE_LIMITED, "too many requests from " + server + "; slow down", wait);
        }
        byte[] body = request.body();
        Parsed parsed = parse(body);
        if (parsed.activity != null && isAboutItself(parsed.activity) && deletions.isUnknown(parsed.activity.actor())) {
            // As Mastodon: an actor Herald keeps nothing about deleting or updating itself costs no key fetch.
            LOG.debug("Acknowledged the {} of unknown actor {}", parsed.activity.typeName(), parsed.activity.actor());
            return InboxReply.of(202, Outcome.DELETION_ACKNOWLEDGED, "unknown actor; nothing to change");
        }
        BlockingResolver keys = new BlockingResolver(actors.keyResolver(), blocklist);
        HttpMessage.Request message;
        try {
            // The host the signature covers must be this site's, whatever Host the request carries: else a request
            // signed for another server with the same inbox path (every Herald site has one) could be replayed
            // here with that server's Host. The target URI comes from the origin for the same reason.
            message = new HttpMessage.Request(
                    request.normalizedMethod(),
                    URI.create(origin + request.target()),
                    request.target(),
                    request.headers().replacing("Host", origin.getRawAuthority()),
                    dev.herald.signatures.HttpFields.empty());
        } catch (IllegalArgumentException e) {
            return InboxReply.of(400, Outcome.MALFORMED, "the request target is not a valid URI path");
        }
        VerificationResult result = SignatureVerifier.of(keys, policy).verify(message, body);
        if (result instanceof VerificationResult.Rejected rejected) {
            return refused(rejected, keys, parsed);
        }
        if (parsed.error != null) {
            return parsed.error;
        }
        Activity activity = parsed.activity;
        URI signer = ((VerificationResult.Verified) result).keyOwner().orElse(null);
        if (!activity.actor().equals(signer)) {
            LOG.info("Refused an activity by {} signed by {}", activity.actor(), signer);
            return InboxReply.of(
                    401,
                    Outcome.SIGNER_NOT_ACTOR,
                    "the signer " + signer + " is not the activity's actor " + activity.actor());
        }
        if (blocklist.isBlocked(activity.actor())) {
            return InboxReply.of(403, Outcome.BLOCKED, "the actor " + activity.actor() + " is blocked here");
        }
        boolean fresh;
        try {
            fresh = store.inbox()
                    .accept(new InboxActivity(
                            activity.id().orElseThrow(),
                            activity.actor(),
                            new String(body, StandardCharsets.UTF_8),
                            clock.instant()));
        } catch (IllegalArgumentException e) {
            // The store keeps smaller activities than the inbox was told to take.
            return InboxReply.of(413, Outcome.TOO_LARGE, "the activity is larger than this server keeps");
        }
        if (!fresh) {
            return InboxReply.of(202, Outcome.DUPLICATE, "already received");
        }
        wake.run();
        return InboxReply.of(202, Outcome.ACCEPTED, "accepted");
    }

    private InboxReply refused(VerificationResult.Rejected rejected, BlockingResolver keys, Parsed parsed) {
        if (keys.blocked) {
            return InboxReply.of(403, Outcome.BLOCKED, "the signer's server is blocked here");
        }
        if (rejected.reason() == VerificationResult.Reason.UNKNOWN_KEY
                && parsed.activity != null
                && isSelfDelete(parsed.activity)
                && rejected.keyId()
                        .map(k -> keyOfActor(k, parsed.activity.actor()))
                        .orElse(false)
                && isGone(parsed.activity.actor())) {
            // The actor's own server says it is gone: that is the deletion the activity announces.
            deletions.actorDeleted(parsed.activity.actor());
            return InboxReply.of(202, Outcome.DELETION_ACKNOWLEDGED, "the actor is gone; removed");
        }
        LOG.info("Refused an inbox POST: {}", rejected);
        return InboxReply.of(rejected.httpStatus(), Outcome.BAD_SIGNATURE, rejected.detail());
    }

    private boolean isGone(URI actor) {
        if (actors.isKnownGone(actor)) {
            return true;
        }
        try {
            actors.actor(actor);
            return false;
        } catch (FetchException e) {
            return e.isGone();
        }
    }

    /** Whether the key id names the actor's own key: {@code actor#…} (Mastodon) or {@code actor/…} (GoToSocial). */
    private static boolean keyOfActor(String keyId, URI actor) {
        try {
            URI document = KeyIds.ownerOf(keyId);
            return document.equals(actor) || document.toString().startsWith(actor + "/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isAboutItself(Activity activity) {
        return (activity.type() == ActivityType.DELETE || activity.type() == ActivityType.UPDATE)
                && activity.objectId().filter(activity.actor()::equals).isPresent();
    }

    private static boolean isSelfDelete(Activity activity) {
        return activity.type() == ActivityType.DELETE
                && activity.objectId().filter(activity.actor()::equals).isPresent();
    }

    /** The parsed activity, or the answer to give once the signature is known to be good. */
    private record Parsed(Activity activity, InboxReply error) {}

    private Parsed parse(byte[] body) {
        ReadDocument document;
        try {
            document = reader.read(body);
        } catch (InvalidDocumentException e) {
            if (e.reason() == InvalidDocumentException.Reason.TOO_LARGE) {
                return new Parsed(null, InboxReply.of(413, Outcome.TOO_LARGE, e.getMessage()));
            }
            return new Parsed(
                    null, InboxReply.of(400, Outcome.MALFORMED, "not a readable activity: " + e.getMessage()));
        }
        Optional<Activity> activity = document.as(Activity.class);
        if (activity.isEmpty()) {
            return new Parsed(
                    null,
                    InboxReply.of(
                            400,
                            Outcome.MALFORMED,
                            "a " + document.object().typeName() + " is not an activity this inbox takes"));
        }
        if (activity.get().id().isEmpty()) {
            return new Parsed(null, InboxReply.of(400, Outcome.MALFORMED, "the activity has no id"));
        }
        URI id = activity.get().id().get();
        if (!RemoteFetcher.sameOrigin(id, activity.get().actor())) {
            // Activities are deduplicated by id: one that takes another origin's id would make that origin's own
            // activity with the id a "duplicate", dropped.
            return new Parsed(
                    null,
                    InboxReply.of(
                            400,
                            Outcome.MALFORMED,
                            "the activity's id " + id + " is on another origin than its actor "
                                    + activity.get().actor()));
        }
        if (activity.get().type() == ActivityType.QUOTE_REQUEST) {
            String problem = quoteRequestProblem(activity.get());
            if (problem != null) {
                return new Parsed(null, InboxReply.of(400, Outcome.MALFORMED, problem));
            }
        }
        return new Parsed(activity.get(), null);
    }

    /** What makes a {@code QuoteRequest} unanswerable (FEP-044f), or null if it can be answered. */
    private static String quoteRequestProblem(Activity request) {
        if (request.objects().size() != 1 || request.objectId().isEmpty()) {
            return "a QuoteRequest names exactly one quoted post as its object";
        }
        Optional<URI> quoting = request.instrument().flatMap(ObjectRef::id);
        if (quoting.isEmpty()) {
            return "a QuoteRequest names the quoting post, with its id, as its instrument";
        }
        if (!RemoteFetcher.sameOrigin(quoting.get(), request.actor())) {
            return "the quoting post " + quoting.get() + " is on another origin than the request's actor "
                    + request.actor();
        }
        return null;
    }

    private static Optional<URI> peekKeyId(HeraldRequest request) {
        for (String field : new String[] {"Signature-Input", "Signature", "Authorization"}) {
            Optional<String> value = request.headers().combined(field);
            if (value.isPresent()) {
                Matcher m = KEY_ID.matcher(value.get());
                if (m.find()) {
                    try {
                        URI uri = new URI(m.group(1));
                        return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
                    } catch (java.net.URISyntaxException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Refuses to look up keys on blocked servers, and says so. One per request. */
    private static final class BlockingResolver implements KeyResolver {
        private final KeyResolver delegate;
        private final Blocklist blocklist;
        volatile boolean blocked;

        BlockingResolver(KeyResolver delegate, Blocklist blocklist) {
            this.delegate = delegate;
            this.blocklist = blocklist;
        }

        private void check(String keyId) {
            String host = null;
            try {
                host = new URI(keyId).getHost();
            } catch (java.net.URISyntaxException e) {
                // The delegate refuses it.
            }
            if (blocklist.isDomainBlocked(host)) {
                blocked = true;
                throw new KeyResolutionException("the key's server is blocked");
            }
        }

        @Override
        public Optional<VerificationKey> resolve(String keyId) {
            check(keyId);
            return delegate.resolve(keyId);
        }

        @Override
        public Optional<VerificationKey> refresh(String keyId) {
            check(keyId);
            return delegate.refresh(keyId);
        }
    }
}
