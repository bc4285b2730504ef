package dev.herald.core.inbox;

import dev.herald.core.ActorProfile;
import dev.herald.core.actor.ActorUrls;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.internal.Checks;
import dev.herald.core.internal.Periodic;
import dev.herald.core.jsonld.DocumentReader;
import dev.herald.core.jsonld.ReaderSettings;
import dev.herald.core.store.ClaimedActivity;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.signatures.SigningKey;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's inboxes. {@link #receive} is the door: it checks a POST (size, content type, blocklists, rate per
 * server, HTTP signature with the key fetched through {@link RemoteActors}, signer = actor) and stores the verified
 * activity raw in the store's inbox queue before it answers 202; nothing is stored for a refused request. Workers
 * ({@link #start()}) then process stored activities asynchronously and idempotently, retrying with backoff when a
 * remote server is unreachable.
 *
 * <table>
 *   <caption>Answers of {@link #receive}</caption>
 *   <tr><th>status</th><th>when</th></tr>
 *   <tr><td>202</td><td>stored (or received before: deduplicated by activity id); a self-deletion of an unknown
 *       actor, or of one whose key is gone (404/410)</td></tr>
 *   <tr><td>400</td><td>not a readable activity with an id (after the signature was checked); a malformed
 *       digest</td></tr>
 *   <tr><td>401</td><td>no signature, a bad one, an unknown key, a digest or date problem; a signer who is not
 *       the activity's actor</td></tr>
 *   <tr><td>403</td><td>a blocked server (its key is not even fetched) or actor</td></tr>
 *   <tr><td>413, 415</td><td>a body over the limit; a content type that is not ActivityPub JSON</td></tr>
 *   <tr><td>429</td><td>the server sent more than its rate (with {@code Retry-After})</td></tr>
 *   <tr><td>503</td><td>the store failed: try again later</td></tr>
 * </table>
 *
 * <p>Thread-safe. {@link #close()} stops the workers.
 */
public final class Inbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    private static final int BATCH = 16;
    private static final Duration HOUSEKEEPING_EVERY = Duration.ofHours(1);

    private final HeraldStore store;
    private final InboxSettings settings;
    private final Blocklist blocklist;
    private final Clock clock;
    private final InboxDoor door;
    private final InboxProcessor processor;
    private final Follows follows;
    private final Quotes quotes;
    private final LocalActors locals;
    private final Listeners listener;
    private final Semaphore work = new Semaphore(0);
    private final String workerId = "inbox-" + UUID.randomUUID();
    private volatile ExecutorService workers;
    private volatile boolean stopping;
    private volatile Instant lastHousekeeping = Instant.MIN;

    private Inbox(Builder b) {
        this.store = b.store;
        this.settings = b.settings;
        this.blocklist = b.blocklist;
        this.clock = b.clock;
        this.locals = new LocalActors(b.urls, b.profiles);
        this.listener = new Listeners(b.listener);
        DocumentReader reader = DocumentReader.create(ReaderSettings.builder()
                .maxDocumentBytes(b.settings.maxBodyBytes())
                .build());
        ActivitySender sender = b.sender != null
                ? b.sender
                : new DirectSender(b.actors.fetcher().networkPolicy(), b.keys, "herald (+" + b.urls.origin() + "/)");
        Deletions deletions = new Deletions(b.store, locals, b.actors, listener);
        this.follows = new Follows(b.store, locals, b.actors, sender, listener, b.clock);
        this.quotes = new Quotes(b.store, locals, b.actors, sender, listener, b.clock);
        this.processor =
                new InboxProcessor(b.store, locals, b.actors, reader, follows, deletions, quotes, listener, b.clock);
        this.door = new InboxDoor(
                b.urls.origin(), b.store, b.actors, b.blocklist, b.settings, reader, b.clock, deletions, this::wake);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks and stores one POST to an inbox. Never throws for bad input.
     *
     * @param request the request as received; its path and query are resolved against the site's origin, as
     *     the signature covers them
     */
    public InboxReply receive(HeraldRequest request) {
        return door.receive(Checks.notNull(request, "request"));
    }

    /** The blocklist, to change or {@link Blocklist#replace reload}. */
    public Blocklist blocklist() {
        return blocklist;
    }

    /**
     * Processes the activities that are due now on the calling thread, until none is left. For applications that
     * run no workers ({@link InboxSettings#workers()} 0) and for tests.
     *
     * @return how many were processed (or retried, or given up)
     */
    public int processDue() {
        int total = 0;
        for (int n; (n = processBatch()) > 0; ) {
            total += n;
        }
        return total;
    }

    /** Claims and processes one batch of due activities; how many there were. */
    private int processBatch() {
        List<ClaimedActivity> claimed = store.inbox().claim(workerId, BATCH, settings.lease(), clock.instant());
        if (claimed.isEmpty()) {
            return 0;
        }
        List<ClaimedActivity> processed = new ArrayList<>(claimed.size());
        for (ClaimedActivity activity : claimed) {
            if (processOne(activity)) {
                processed.add(activity);
            }
        }
        // One commit for the batch: a crash before it means these are processed again, which changes nothing.
        store.inbox().processed(processed, clock.instant());
        return claimed.size();
    }

    /** Processes one claimed activity; true if it is done, false if it failed (and is scheduled again or dropped). */
    private boolean processOne(ClaimedActivity claimed) {
        try {
            processor.process(claimed.activity());
            return true;
        } catch (InboxProcessor.Retry e) {
            fail(claimed, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Processing {} failed: {}", claimed.activity().activityId(), e.toString());
            LOG.debug("The failure in full", e);
            fail(claimed, e.toString());
        }
        return false;
    }

    private void fail(ClaimedActivity claimed, String error) {
        if (claimed.attempt() >= settings.maxAttempts()) {
            LOG.info("Gave up on {} after {} attempts: {}", claimed.activity().activityId(), claimed.attempt(), error);
            store.inbox().giveUp(claimed, error, clock.instant());
            return;
        }
        long seconds = Math.min(6 * 3600, 30L << Math.min(20, 2 * (claimed.attempt() - 1)));
        store.inbox().retryLater(claimed, error, clock.instant().plusSeconds(seconds));
    }

    /**
     * Approves a pending follow request of {@code username}: the follower is accepted and the {@code Accept} sent.
     *
     * @return false if there is no such pending follower
     * @throws IOException if the Accept could not be sent (the follower is accepted nevertheless)
     */
    public boolean approveFollower(String username, URI follower) throws IOException {
        return follows.approve(Checks.notNull(username, "username"), Checks.notNull(follower, "follower"));
    }

    /**
     * Rejects a follow request (or removes a follower): removed, and a {@code Reject} sent.
     *
     * @return false if {@code follower} neither follows nor asked to
     * @throws IOException if the Reject could not be sent (the follower is removed nevertheless)
     */
    public boolean rejectFollower(String username, URI follower) throws IOException {
        return follows.reject(Checks.notNull(username, "username"), Checks.notNull(follower, "follower"));
    }

    /**
     * Approves a pending quote request (FEP-044f; the quoted post's {@link dev.herald.core.outbox.QuotePolicy} asks
     * for manual approval): the quoting post is fetched and checked, the authorization accepted (its id then serves
     * the {@code QuoteAuthorization} stamp), the quote recorded as engagement, and the {@code Accept} sent. The
     * pending requests of an actor are listed by {@code store.quoteAuthorizations().list(username, PENDING, page)}.
     *
     * @param authorization the request's {@link dev.herald.core.store.QuoteAuthorization#id() id}
     * @return false if there is no such pending request; also when the quoted post was deleted or the quoting post
     *     is gone or no longer quotes it since, and the request is then dropped
     * @throws IOException if the quoting post could not be fetched (nothing changed), or the Accept could not be sent
     *     (the quote is accepted nevertheless)
     */
    public boolean approveQuote(URI authorization) throws IOException {
        return quotes.approve(Checks.notNull(authorization, "authorization"));
    }

    /**
     * Rejects a pending quote request: removed, and a {@code Reject} sent.
     *
     * @return false if there is no such pending request
     * @throws IOException if the Reject could not be sent (the request is removed nevertheless)
     */
    public boolean rejectQuote(URI authorization) throws IOException {
        return quotes.reject(Checks.notNull(authorization, "authorization"));
    }

    /**
     * Revokes an accepted quote authorization: its id answers 410 from now on, the quote no longer counts as
     * engagement, and a {@code Delete} of the authorization is sent to the quoting actor, whose server then stops
     * showing the quoted post inside the quote (Mastodon 4.5+).
     *
     * @return false if there is no such accepted authorization
     * @throws IOException if the Delete could not be sent (the authorization is revoked nevertheless)
     */
    public boolean revokeQuote(URI authorization) throws IOException {
        return quotes.revoke(Checks.notNull(authorization, "authorization"));
    }

    /**
     * Removes the followers (accepted or pending) whose actor or server is now {@linkplain #blocklist() blocked},
     * so that nothing is delivered to them any more. Call it after changing the blocklist; {@link #start()} calls it
     * once.
     *
     * @return how many were removed
     */
    public int removeBlockedFollowers() {
        int removed = 0;
        for (String username : locals.usernames()) {
            for (Follower.State state : Follower.State.values()) {
                List<URI> blocked = new ArrayList<>();
                PageRequest page = PageRequest.first(500);
                while (true) {
                    Page<Follower> followers = store.followers().list(username, state, page);
                    followers.items().stream()
                            .map(Follower::follower)
                            .filter(blocklist::isBlocked)
                            .forEach(blocked::add);
                    if (followers.next().isEmpty()) {
                        break;
                    }
                    page = PageRequest.after(followers.next().get(), 500);
                }
                for (URI follower : blocked) {
                    if (store.followers().remove(username, follower)) {
                        removed++;
                        listener.onUnfollow(username, follower);
                    }
                }
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} followers that are blocked now", removed);
        }
        return removed;
    }

    /**
     * Forgets what is no longer needed: processed (or given up) activities received longer ago than the {@linkplain
     * InboxSettings#dedupeWindow() dedupe window}, and cached remote actors that expired more than 30 days ago. The
     * workers call it about once an hour.
     *
     * @return how many entries were removed
     */
    public int housekeeping() {
        Instant now = clock.instant();
        lastHousekeeping = now;
        int purged = store.inbox().purgeFinished(now.minus(settings.dedupeWindow()));
        purged += store.remoteActors().purgeExpired(now.minus(Duration.ofDays(30)));
        if (purged > 0) {
            LOG.debug("Inbox housekeeping removed {} entries", purged);
        }
        return purged;
    }

    /**
     * {@link #housekeeping()} as a worker runs it every hour: a failure is logged, never thrown (but a {@link
     * VirtualMachineError}), since an {@link Error} thrown out of the worker's loop would end that worker for good.
     * Package-private for the tests.
     */
    void scheduledHousekeeping() {
        Periodic.survive(LOG, "Inbox housekeeping", HOUSEKEEPING_EVERY, this::housekeeping);
    }

    /** Starts the worker threads ({@link InboxSettings#workers()}); idempotent. */
    public synchronized Inbox start() {
        if (workers != null) {
            return this;
        }
        removeBlockedFollowers();
        if (settings.workers() == 0) {
            return this;
        }
        stopping = false;
        workers = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "herald-inbox-worker");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < settings.workers(); i++) {
            workers.execute(this::loop);
        }
        return this;
    }

    private void loop() {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            try {
                if (lastHousekeeping.isBefore(clock.instant().minus(HOUSEKEEPING_EVERY))) {
                    scheduledHousekeeping();
                }
                int batch = processBatch();
                if (batch == BATCH || stopping) {
                    continue; // more may be due at once
                }
                if (batch == 0 && !work.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue; // idle: look again after the poll interval
                }
                // A partial batch, or woken by an arrival: let the activities arriving just behind join the next
                // batch. On a busy inbox this turns a claim and a commit per activity into one per batch.
                if (!settings.batchDelay().isZero()) {
                    Thread.sleep(settings.batchDelay().toMillis());
                }
                work.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("Inbox worker: {}", e.toString());
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void wake() {
        if (work.availablePermits() < Math.max(1, settings.workers())) {
            work.release();
        }
    }

    /**
     * Stops the workers, waiting up to five seconds for the activities in hand; only then are they interrupted.
     * Workers are not interrupted first: an interrupt in the middle of a JDBC call makes H2 close its database
     * file, which would fail every later operation of the store. Activities not finished stay stored and are
     * processed by the next start.
     */
    @Override
    public synchronized void close() {
        ExecutorService w = workers;
        workers = null;
        if (w != null) {
            stopping = true;
            work.release(Math.max(1, settings.workers()));
            w.shutdown();
            try {
                if (!w.awaitTermination(5, TimeUnit.SECONDS)) {
                    w.shutdownNow();
                }
            } catch (InterruptedException e) {
                w.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Configures an {@link Inbox}. Not thread-safe. */
    public static final class Builder {
        private HeraldStore store;
        private ActorUrls urls;
        private final Map<String, ActorProfile> profiles = new LinkedHashMap<>();
        private Function<String, SigningKey> keys;
        private RemoteActors actors;
        private ActivitySender sender;
        private InboxListener listener = new InboxListener() {};
        private Blocklist blocklist = Blocklist.empty();
        private InboxSettings settings = InboxSettings.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Sets the store (required). */
        public Builder store(HeraldStore heraldStore) {
            this.store = Checks.notNull(heraldStore, "store");
            return this;
        }

        /** Sets where the site's documents live (required). */
        public Builder urls(ActorUrls actorUrls) {
            this.urls = Checks.notNull(actorUrls, "urls");
            return this;
        }

        /** Adds the site's actors (at least one). */
        public Builder actors(Map<String, ActorProfile> byUsername) {
            profiles.putAll(Checks.notNull(byUsername, "actors"));
            return this;
        }

        /** Sets how a local actor's signing key is found, by username (required). */
        public Builder signingKeys(Function<String, SigningKey> byUsername) {
            this.keys = Checks.notNull(byUsername, "signingKeys");
            return this;
        }

        /** Sets the remote actors service: keys, actors, the fetcher (required). */
        public Builder remoteActors(RemoteActors remoteActors) {
            this.actors = Checks.notNull(remoteActors, "remoteActors");
            return this;
        }

        /**
         * Sets how Accepts and Rejects are sent. Default: a signed POST at once, through the network policy;
         * {@link ActivitySender#queued} hands them to the delivery engine.
         */
        public Builder sender(ActivitySender activitySender) {
            this.sender = Checks.notNull(activitySender, "sender");
            return this;
        }

        /** Sets the listener. Default: none. */
        public Builder listener(InboxListener inboxListener) {
            this.listener = Checks.notNull(inboxListener, "listener");
            return this;
        }

        /** Sets the blocklist. Default: an empty one. */
        public Builder blocklist(Blocklist list) {
            this.blocklist = Checks.notNull(list, "blocklist");
            return this;
        }

        /** Sets the limits and workers. Default: {@link InboxSettings#defaults()}. */
        public Builder settings(InboxSettings inboxSettings) {
            this.settings = Checks.notNull(inboxSettings, "settings");
            return this;
        }

        /** Sets the clock (signature windows, timestamps). Default: the system clock. */
        public Builder clock(Clock timeSource) {
            this.clock = Checks.notNull(timeSource, "clock");
            return this;
        }

        /** The inbox; call {@link Inbox#start()} to run its workers. */
        public Inbox build() {
            if (store == null || urls == null || keys == null || actors == null || profiles.isEmpty()) {
                throw new IllegalStateException("set the store, urls, actors, signingKeys and remoteActors");
            }
            return new Inbox(this);
        }
    }
}
