package dev.herald.core.delivery;

import dev.herald.core.delivery.internal.HostGate;
import dev.herald.core.delivery.internal.InboxClient;
import dev.herald.core.delivery.internal.RetryAfter;
import dev.herald.core.delivery.internal.Signers;
import dev.herald.core.internal.Checks;
import dev.herald.core.internal.Periodic;
import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.HostHealth;
import dev.herald.core.store.PageRequest;
import dev.herald.signatures.Digests;
import dev.herald.signatures.DoubleKnock;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.SpecMemory;
import dev.herald.webfinger.NetworkPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued activities: claims due jobs from the {@link dev.herald.core.store.DeliveryStore} under a lease,
 * signs each request on a CPU-bound pool (draft-cavage {@code rsa-sha256}, or a double-knock with RFC 9421 when
 * enabled), POSTs it over HTTP/1.1 with keep-alive on an I/O pool (one thread per job in flight, so a slow host
 * never holds a signing thread), and records the outcome:
 *
 * <ul>
 *   <li>2xx: delivered.
 *   <li>410 Gone: the followers behind that inbox are removed ({@link
 *       dev.herald.core.store.FollowerStore#removeByInbox}), the job is given up.
 *   <li>404 and every other 4xx except 401, 408 and 429, and 3xx (redirects are not followed): given up.
 *   <li>5xx, 401, 408, 429, timeouts and connection errors: tried again per the {@link RetryPolicy} (about two days
 *       by default), after at least what {@code Retry-After} asks; given up after the last attempt.
 * </ul>
 *
 * <p>Per host: at most {@link DeliverySettings#perHostConcurrency()} requests at once, so a slow or hanging host
 * holds only its own slots; a circuit breaker after {@link DeliverySettings#circuitFailures()} consecutive failures
 * (no requests for a while, then one probe); and a host failing for {@link DeliverySettings#unavailableAfter()} is
 * unavailable (its jobs are given up, one probe a day). Every request obeys the {@link NetworkPolicy}.
 *
 * <p>Several engines may share a store (several nodes on one PostgreSQL): each job is claimed by one of them. A
 * crash loses nothing: its leases expire and other engines claim the jobs. {@link #close()} lets requests in flight
 * finish for {@link DeliverySettings#shutdownGrace()} and releases every job it still holds, due at once.
 *
 * <p>Thread-safe. Start it once with {@link #start()}; close it once.
 */
public final class DeliveryEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final String CONTENT_TYPE = "application/activity+json";
    private static final int LAST_ERRORS = 50;
    private static final int MAX_DELIVERED_BATCH = 500;
    private static final long RECORD_DELAY_MILLIS = 2;
    private static final Duration HOUSEKEEPING_FIRST = Duration.ofMinutes(1);
    private static final Duration HOUSEKEEPING_EVERY = Duration.ofHours(1);
    private static final Duration HEALTH_RECHECK = Duration.ofMinutes(10);
    private static final Duration UNAVAILABLE_PROBE = Duration.ofDays(1);
    private static final Duration DEFER_FULL_HOST = Duration.ofSeconds(30);
    /** Headers the delivery client writes itself (or must not send). */
    private static final List<String> UNSENDABLE_HEADERS =
            List.of("host", "content-length", "connection", "user-agent", "transfer-encoding");

    private static final Duration IDLE_CONNECTION = Duration.ofSeconds(30);

    private final HeraldStore store;
    private final DeliverySettings settings;
    private final Clock clock;
    private final NetworkPolicy network;
    private final InboxClient http;
    private final Signers signers;
    private final String workerId;
    private final HostGate<ClaimedDelivery> gate;
    private final ExecutorService signing;
    // Outcomes are written here, not on the signing pool: a JDBC commit waits on the disk, not the CPU.
    private final ExecutorService reporting;
    private final ScheduledExecutorService recorder;
    private final AtomicBoolean recordingScheduled = new AtomicBoolean();
    private final Set<ClaimedDelivery> held = ConcurrentHashMap.newKeySet();
    private final int minimumClaim;
    private final Map<String, Optional<Instant>> unavailableSince = new ConcurrentHashMap<>();
    private final Map<String, Instant> healthCheckedAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> unavailableProbes = new ConcurrentHashMap<>();
    private final Deque<DeliveryStatus.Failure> lastErrors = new ArrayDeque<>();
    private final Queue<ClaimedDelivery> delivered = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recording = new AtomicBoolean();
    private final Object wake = new Object();
    private final AtomicInteger state = new AtomicInteger(); // 0 new, 1 running, 2 closing
    private volatile boolean wakeRequested;
    private volatile Payload lastPayload;
    private Thread dispatcher;

    private DeliveryEngine(Builder b) {
        this.store = b.store;
        this.settings = b.settings;
        this.minimumClaim = Math.max(1, Math.min(settings.claimBatch(), settings.maxInFlight()) / 4);
        this.clock = b.clock;
        this.network = b.network;
        this.workerId = b.workerId;
        this.http = new InboxClient(
                settings.connectTimeout(),
                IDLE_CONNECTION,
                settings.maxResponseBytes(),
                settings.userAgent(),
                b.tls != null ? b.tls : defaultTls(),
                b.network);
        this.signers = new Signers(
                store.keyPairs(),
                b.keyIds,
                settings.rfc9421() ? Optional.of(settings.firstKnock()) : Optional.empty(),
                b.specMemory);
        this.gate = new HostGate<>(
                settings.perHostConcurrency(),
                settings.maxQueuedPerHost(),
                settings.circuitFailures(),
                settings.circuitOpen());
        this.signing = Executors.newFixedThreadPool(settings.signingThreads(), threads("herald-delivery-sign-"));
        this.reporting = Executors.newFixedThreadPool(settings.storeThreads(), threads("herald-delivery-store-"));
        this.recorder = Executors.newSingleThreadScheduledExecutor(threads("herald-delivery-record-"));
    }

    /**
     * A builder for an engine that delivers the jobs in {@code store}, signing with the key of each job's actor.
     *
     * @param keyIds an actor's key id from its username, e.g. {@code news → https://site/ap/actors/news#main-key}
     */
    public static Builder builder(HeraldStore store, Function<String, URI> keyIds) {
        return new Builder(store, keyIds);
    }

    /** Starts the worker. Idempotent while running. */
    public DeliveryEngine start() {
        if (state.compareAndSet(0, 1)) {
            dispatcher = threads("herald-delivery-dispatch-").newThread(this::dispatchLoop);
            dispatcher.start();
            recorder.scheduleWithFixedDelay(
                    this::scheduledHousekeeping,
                    HOUSEKEEPING_FIRST.toMillis(),
                    HOUSEKEEPING_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.info(
                    "Delivery engine {} started: {} in flight, {} per host",
                    workerId,
                    settings.maxInFlight(),
                    settings.perHostConcurrency());
        } else if (state.get() == 2) {
            throw new IllegalStateException("the delivery engine was closed; build a new one");
        }
        return this;
    }

    /**
     * Deletes the jobs that finished (delivered or given up) longer than {@link DeliverySettings#keepFinished()} ago,
     * and the payloads no job needs any more. The running engine does it about once an hour, on its recording thread;
     * sites may call it at any time.
     *
     * @return how many jobs were deleted
     */
    public int housekeeping() {
        int purged = store.deliveries().purgeFinished(clock.instant().minus(settings.keepFinished()));
        if (purged > 0) {
            LOG.debug("Delivery housekeeping removed {} finished jobs older than {}", purged, settings.keepFinished());
        }
        return purged;
    }

    /**
     * {@link #housekeeping()} as the recording thread runs it every hour: a failure is logged, never thrown (but a
     * {@link VirtualMachineError}), since a periodic task that throws is never run again. Package-private for the
     * tests.
     */
    void scheduledHousekeeping() {
        Periodic.survive(LOG, "Delivery housekeeping", HOUSEKEEPING_EVERY, this::housekeeping);
    }

    /** Asks the worker to look for due jobs now, not at the next poll: call it after queuing deliveries. */
    public void wakeUp() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    /** The worker's id as the store records it in leases. */
    public String workerId() {
        return workerId;
    }

    /** How delivery stands, from the store (all nodes) and this engine. */
    public DeliveryStatus status() {
        List<DeliveryStatus.Failure> errors;
        synchronized (lastErrors) {
            errors = List.copyOf(lastErrors);
        }
        return new DeliveryStatus(
                store.deliveries().counts(),
                store.deliveries().backlogByHost(20),
                store.hostHealth().listFailing(PageRequest.first(50)).items(),
                gate.openCircuits(clock.instant()),
                held.size(),
                errors);
    }

    // ---- dispatch ----

    private void dispatchLoop() {
        while (state.get() == 1) {
            try {
                int busy = working();
                int free = Math.min(settings.maxInFlight() - busy, settings.claimBatch());
                // While jobs are in flight, claim only once a quarter of a batch is free: a claim costs a
                // transaction, and claiming each slot as it frees made a fan-out on H2 spend more CPU on claims
                // than on signatures.
                if (busy > 0 && free < minimumClaim) {
                    free = 0;
                }
                List<ClaimedDelivery> jobs = free <= 0
                        ? List.of()
                        : store.deliveries().claim(workerId, free, settings.lease(), clock.instant());
                if (!jobs.isEmpty()) {
                    held.addAll(jobs);
                    List<ClaimedDelivery> deferred = new ArrayList<>();
                    for (ClaimedDelivery job : jobs) {
                        admit(job, deferred);
                    }
                    defer(deferred);
                }
                if (free <= 0 || jobs.size() < free) {
                    pause();
                }
            } catch (RuntimeException e) {
                LOG.warn("Delivery engine {}: claiming failed, trying again: {}", workerId, e.toString());
                pause();
            }
        }
    }

    private void pause() {
        synchronized (wake) {
            if (!wakeRequested && state.get() == 1) {
                try {
                    wake.wait(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            wakeRequested = false;
        }
    }

    /** Starts or queues the job, or puts it back; a job whose host is full is added to {@code deferred}. */
    private void admit(ClaimedDelivery job, List<ClaimedDelivery> deferred) {
        Instant now = clock.instant();
        String host = job.host();
        Optional<Instant> since = unavailable(host, now);
        if (since.isPresent() && !probeUnavailable(host, now)) {
            giveUp(
                    job,
                    "host " + host + " unavailable: failing since " + since.get()
                            + "; resets when a delivery to it succeeds");
            release(job);
            return;
        }
        HostGate.Admission admission = gate.admit(host, job, now);
        if (admission instanceof HostGate.Start) {
            execute(() -> send(job));
        } else if (admission instanceof HostGate.Full) {
            deferred.add(job);
        } else if (admission instanceof HostGate.Closed closed) {
            reschedule(job, jitter(closed.until()), "circuit open for " + host + " until " + closed.until());
        }
        // Queued: HostGate hands it out when a request to the host ends.
    }

    private void execute(Runnable task) {
        try {
            signing.execute(task);
        } catch (RejectedExecutionException e) {
            // Closing: the job stays held and is released by close().
        }
    }

    // ---- sending ----

    private void send(ClaimedDelivery job) {
        Instant now = clock.instant();
        if (now.plus(settings.requestTimeout()).isAfter(job.lease().until())) {
            // The lease would run out mid-request; another worker will claim it. Sending now could duplicate.
            LOG.debug("Delivery {} to {}: lease nearly over, left for another claim", job.activityId(), job.inbox());
            finishHost(job, false, Optional.empty());
            release(job);
            return;
        }
        try {
            checkNetwork(job.inbox());
        } catch (NetworkPolicy.Refused e) {
            giveUp(job, "refused by the network policy: " + e.reason());
            finishHost(job, false, Optional.empty());
            release(job);
            return;
        } catch (IOException e) {
            completed(job, null, e);
            return;
        }
        Signers.Signer signer;
        try {
            signer = signers.of(job.actor());
        } catch (RuntimeException e) {
            completed(job, null, e);
            return;
        }
        Payload payload = payload(job.payload());
        byte[] body = payload.bytes();
        HttpMessage.Request unsigned =
                HttpMessage.Request.of("POST", job.inbox(), HttpFields.of("Content-Type", CONTENT_TYPE));
        if (signer.knock().isPresent()) {
            DoubleKnock knock = signer.knock().get();
            DoubleKnock.Attempt first = knock.first(unsigned, body);
            post(job, first.request(), body, (a, error) -> {
                if (a == null) {
                    outcome(job, null, error);
                    return;
                }
                // Off the I/O thread: the second knock is signed again.
                execute(() -> {
                    Optional<DoubleKnock.Attempt> retry;
                    try {
                        retry = knock.after(first, a.status(), unsigned, body);
                    } catch (RuntimeException e) {
                        report(() -> completed(job, null, e));
                        return;
                    }
                    if (retry.isEmpty()) {
                        outcome(job, a, null);
                        return;
                    }
                    post(job, retry.get().request(), body, (b, again) -> {
                        if (b != null) {
                            knock.after(retry.get(), b.status(), unsigned, body);
                        }
                        outcome(job, b, again);
                    });
                });
            });
        } else {
            HttpMessage.Request signed =
                    signer.cavage().sign(unsigned.withFields(unsigned.fields().with("Digest", payload.digest())), body);
            post(job, signed, body, (a, error) -> outcome(job, a, error));
        }
    }

    /** An activity's body as sent, and its {@code Digest} header. */
    private record Payload(String json, byte[] bytes, String digest) {}

    /**
     * The bytes and digest of {@code json}, from the last payload if it is the same: a fan-out sends one activity to
     * every inbox, and encoding and hashing it once per request was a tenth of the signing threads' Java time.
     */
    private Payload payload(String json) {
        Payload last = lastPayload;
        if (last != null && (last.json() == json || last.json().equals(json))) {
            return last;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Payload p = new Payload(json, bytes, Digests.digestHeader(bytes));
        lastPayload = p;
        return p;
    }

    /** Where a request's outcome goes: the delivery client calls it on its I/O thread, which must not block. */
    private interface Outcome {
        void done(Answer answer, Throwable error);
    }

    /**
     * Records an outcome. A success on a host known to be up is recorded here, on the I/O thread, without a store
     * call: the host's next job goes to the signing pool and the store write joins the next batch of successes.
     * Everything else (failures, a host coming back) may write to the store at once and goes to the store pool.
     */
    private void outcome(ClaimedDelivery job, Answer answer, Throwable error) {
        if (answer != null
                && answer.status() >= 200
                && answer.status() < 300
                && Optional.empty().equals(unavailableSince.get(job.host()))) {
            try {
                finishHost(job, false, Optional.empty());
                LOG.debug("Delivered {} to {} ({})", job.activityId(), job.inbox(), answer.status());
            } finally {
                delivered.add(job);
                scheduleRecording();
            }
            return;
        }
        report(() -> completed(job, answer, error));
    }

    private void report(Runnable task) {
        try {
            reporting.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void checkNetwork(URI inbox) throws IOException {
        network.check(inbox);
    }

    /** A response: its status, its Retry-After, the start of its body. */
    private record Answer(int status, Optional<String> retryAfter, String body) {}

    private void post(ClaimedDelivery job, HttpMessage.Request signed, byte[] body, Outcome outcome) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Accept", "application/activity+json, application/ld+json"));
        signed.fields().forEach((name, value) -> {
            if (!unsendable(name)) {
                headers.add(Map.entry(name, value));
            }
        });
        try {
            http.send(
                    signed.targetUri(),
                    headers,
                    body,
                    settings.requestTimeout(),
                    (r, error) -> outcome.done(
                            r == null ? null : new Answer(r.status(), r.retryAfter(), r.bodyStart()), error));
        } catch (RuntimeException e) {
            report(() -> completed(job, null, e));
        }
    }

    private static boolean unsendable(String name) {
        for (String u : UNSENDABLE_HEADERS) {
            if (u.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    // ---- outcomes ----

    private void completed(ClaimedDelivery job, Answer answer, Throwable error) {
        boolean recordedLater = false;
        try {
            Instant now = clock.instant();
            if (answer == null && unwrap(error) instanceof NetworkPolicy.Refused refused) {
                // The address the host resolved to when connecting is not allowed (DNS rebinding): not the host's
                // fault to retry, and not to be tried again.
                giveUp(job, "refused by the network policy: " + refused.reason());
                finishHost(job, false, Optional.empty());
                return;
            }
            if (answer == null) {
                String why = describe(error);
                boolean hostFault = !(unwrap(error) instanceof IllegalStateException);
                retryOrGiveUp(job, why, Duration.ZERO, now);
                if (hostFault) {
                    recordFailure(job.host(), now);
                }
                finishHost(job, hostFault, Optional.empty());
                return;
            }
            int status = answer.status();
            if (status >= 200 && status < 300) {
                recordSuccess(job.host(), now);
                finishHost(job, false, Optional.empty());
                LOG.debug("Delivered {} to {} ({})", job.activityId(), job.inbox(), status);
                delivered.add(job);
                recordedLater = true;
                recordDelivered();
            } else if (status == 410) {
                int removed = store.followers().removeByInbox(job.inbox());
                LOG.info("Inbox {} answered 410 Gone: removed {} followers", job.inbox(), removed);
                giveUp(job, "HTTP 410 Gone: removed " + removed + " followers behind this inbox");
                recordSuccess(job.host(), now);
                finishHost(job, false, Optional.empty());
            } else if (status >= 500 || status == 401 || status == 408 || status == 429) {
                Duration asked = RetryAfter.parse(answer.retryAfter(), now).orElse(Duration.ZERO);
                retryOrGiveUp(job, "HTTP " + status + snippet(answer.body()), asked, now);
                boolean hostFault = status >= 500 || status == 408;
                if (hostFault) {
                    recordFailure(job.host(), now);
                }
                Optional<Instant> pause = (status == 429 || status == 503) && !asked.isZero()
                        ? Optional.of(now.plus(asked))
                        : Optional.empty();
                finishHost(job, hostFault, pause);
            } else {
                String why = status >= 300 && status < 400
                        ? "HTTP " + status + ": redirects are not followed"
                        : "HTTP " + status + snippet(answer.body());
                giveUp(job, why);
                recordSuccess(job.host(), now);
                finishHost(job, false, Optional.empty());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Delivery {} to {}: recording the outcome failed ({}); the lease will expire and it is tried"
                            + " again",
                    job.activityId(),
                    job.inbox(),
                    e.toString());
            finishHost(job, false, Optional.empty());
        } finally {
            if (!recordedLater) {
                release(job);
            }
        }
    }

    /**
     * Writes the successes waiting in {@link #delivered}, in store calls of up to {@value #MAX_DELIVERED_BATCH}, then
     * releases their slots. Every thread that adds a success calls this afterwards. One thread writes at a time; the
     * successes that come while it commits gather for its next batch, so a fan-out commits once per batch, not once
     * per inbox, however fast the store. (With each thread writing its own, H2 committed about once per delivery:
     * the commits queue on H2's store lock anyway.)
     */
    private void recordDelivered() {
        // Checked again after letting go: a success added while the writer was finishing is not left behind.
        while (!delivered.isEmpty() && recording.compareAndSet(false, true)) {
            try {
                List<ClaimedDelivery> batch;
                while (!(batch = nextDeliveredBatch()).isEmpty()) {
                    writeDelivered(batch);
                }
            } finally {
                recording.set(false);
            }
        }
    }

    /**
     * Has {@link #recordDelivered()} run on the recording thread after {@value #RECORD_DELAY_MILLIS} ms, unless it
     * is already due: the successes of those milliseconds share one store call, and the I/O thread never waits for the
     * store.
     */
    private void scheduleRecording() {
        if (recordingScheduled.compareAndSet(false, true)) {
            try {
                recorder.schedule(
                        () -> {
                            recordingScheduled.set(false);
                            recordDelivered();
                        },
                        RECORD_DELAY_MILLIS,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                recordingScheduled.set(false); // closing: close() writes what is left
            }
        }
    }

    private List<ClaimedDelivery> nextDeliveredBatch() {
        List<ClaimedDelivery> batch = new ArrayList<>();
        for (ClaimedDelivery job; batch.size() < MAX_DELIVERED_BATCH && (job = delivered.poll()) != null; ) {
            batch.add(job);
        }
        return batch;
    }

    private void writeDelivered(List<ClaimedDelivery> batch) {
        try {
            int done = store.deliveries().delivered(batch, clock.instant());
            if (done < batch.size()) {
                LOG.info(
                        "Delivery engine {}: {} of {} delivered jobs were no longer held (their leases expired)",
                        workerId,
                        batch.size() - done,
                        batch.size());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Delivery engine {}: recording {} deliveries failed ({}); their leases will expire and they are"
                            + " sent again",
                    workerId,
                    batch.size(),
                    e.toString());
        } finally {
            batch.forEach(this::release);
        }
    }

    private void retryOrGiveUp(ClaimedDelivery job, String why, Duration retryAfter, Instant now) {
        RetryPolicy retry = settings.retry();
        if (!retry.retries(job.attempt())) {
            giveUp(job, why + " (attempt " + job.attempt() + " of " + retry.maxAttempts() + ")");
            return;
        }
        Instant next = now.plus(retry.delay(job.attempt(), retryAfter, ThreadLocalRandom.current()));
        store.deliveries().retryLater(job, why, next);
        remember(job, why, false);
        LOG.debug(
                "Delivery {} to {} failed (attempt {}): {}; next at {}",
                job.activityId(),
                job.inbox(),
                job.attempt(),
                why,
                next);
    }

    private void giveUp(ClaimedDelivery job, String why) {
        store.deliveries().giveUp(job, why, clock.instant());
        remember(job, why, true);
        LOG.info(
                "Delivery of {} to {} given up after attempt {}: {}",
                job.activityId(),
                job.inbox(),
                job.attempt(),
                why);
    }

    /**
     * Puts back the jobs of a claim whose hosts already had {@code maxQueuedPerHost} jobs waiting, in one store call:
     * a fan-out to many inboxes on few hosts defers most of a claim, and one transaction per deferred job came to
     * about one commit per delivery (on H2 each commit also writes a chunk of the file).
     */
    private void defer(List<ClaimedDelivery> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        try {
            store.deliveries()
                    .putBack(
                            jobs,
                            "deferred: " + settings.maxQueuedPerHost() + " jobs already waited for its host",
                            clock.instant().plus(DEFER_FULL_HOST));
        } catch (RuntimeException e) {
            LOG.warn("Deferring {} deliveries failed ({}); their leases will expire", jobs.size(), e.toString());
        }
        jobs.forEach(this::release);
    }

    private void reschedule(ClaimedDelivery job, Instant when, String why) {
        try {
            // Not an attempt: a job held back by a circuit or a full host keeps its retry schedule.
            store.deliveries().putBack(job, why, when);
        } catch (RuntimeException e) {
            LOG.warn("Delivery {}: rescheduling failed ({}); its lease will expire", job.activityId(), e.toString());
        }
        release(job);
    }

    private void finishHost(ClaimedDelivery job, boolean failed, Optional<Instant> pause) {
        Instant now = clock.instant();
        HostGate.After<ClaimedDelivery> after = gate.finished(job.host(), failed, pause, now);
        after.next().ifPresent(next -> execute(() -> send(next)));
        for (ClaimedDelivery back : after.heldBack()) {
            Instant until = after.until().orElse(now);
            reschedule(back, jitter(until), "circuit open for " + back.host() + " until " + until);
        }
        if (!after.heldBack().isEmpty()) {
            LOG.warn(
                    "Circuit for {} open until {}: {} waiting deliveries rescheduled",
                    job.host(),
                    after.until().orElse(now),
                    after.heldBack().size());
        }
    }

    /** Lets go of a job; wakes the dispatcher once enough slots are free for a claim (not for every job). */
    private void release(ClaimedDelivery job) {
        if (held.remove(job) && state.get() == 1 && settings.maxInFlight() - working() >= minimumClaim) {
            wakeUp();
        }
    }

    /**
     * The held jobs that count against {@code maxInFlight}: all but those waiting in a host's queue for one of its
     * {@code perHostConcurrency} requests to end. A job waiting for a hanging host must not take a slot that a
     * healthy host could use; the waiting ones are bounded apart, by {@code maxQueuedPerHost} for each of the at most
     * {@code maxInFlight / perHostConcurrency} hosts that can be full. Never an undercount: a job is held before it
     * queues, and leaves the queue before the job that hands over to it is released.
     */
    private int working() {
        return held.size() - gate.waiting();
    }

    private void remember(ClaimedDelivery job, String why, boolean givenUp) {
        synchronized (lastErrors) {
            lastErrors.addFirst(new DeliveryStatus.Failure(
                    clock.instant(), job.activityId(), job.inbox(), job.attempt(), why, givenUp));
            while (lastErrors.size() > LAST_ERRORS) {
                lastErrors.removeLast();
            }
        }
    }

    // ---- host health ----

    private Optional<Instant> unavailable(String host, Instant now) {
        Instant checked = healthCheckedAt.get(host);
        if (checked == null || checked.plus(HEALTH_RECHECK).isBefore(now)) {
            healthCheckedAt.put(host, now);
            try {
                unavailableSince.put(host, store.hostHealth().find(host).flatMap(HostHealth::unavailableSince));
            } catch (RuntimeException e) {
                LOG.debug("Host health of {} not read: {}", host, e.toString());
            }
        }
        return unavailableSince
                .getOrDefault(host, Optional.empty())
                .filter(since -> !since.plus(settings.unavailableAfter()).isAfter(now));
    }

    private boolean probeUnavailable(String host, Instant now) {
        Instant last = unavailableProbes.get(host);
        if (last == null || last.plus(UNAVAILABLE_PROBE).isBefore(now)) {
            unavailableProbes.put(host, now);
            return true;
        }
        return false;
    }

    private void recordFailure(String host, Instant now) {
        try {
            HostHealth health = store.hostHealth().recordFailure(host, now);
            unavailableSince.put(host, health.unavailableSince());
        } catch (RuntimeException e) {
            LOG.debug("Host failure of {} not recorded: {}", host, e.toString());
        }
    }

    private void recordSuccess(String host, Instant now) {
        Optional<Instant> before = unavailableSince.put(host, Optional.empty());
        if (before == null || before.isPresent()) {
            try {
                store.hostHealth().recordSuccess(host, now);
                unavailableProbes.remove(host);
            } catch (RuntimeException e) {
                LOG.debug("Host success of {} not recorded: {}", host, e.toString());
            }
        }
    }

    // ---- shutdown ----

    /**
     * Stops claiming, lets requests in flight finish for the grace period, and releases every job still held (due
     * at once, for the next engine). Idempotent.
     */
    @Override
    public void close() {
        int was = state.getAndSet(2);
        if (was == 2) {
            return;
        }
        wakeUp();
        if (dispatcher != null) {
            // No interrupt: it would abort a JDBC call mid-claim (H2 closes its file on interrupts).
            try {
                dispatcher.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ClaimedDelivery waiting : gate.drain()) {
            reschedule(waiting, clock.instant(), "released at shutdown");
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (!held.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        signing.shutdownNow();
        http.close(); // requests still in flight fail now; their jobs are released below
        reporting.shutdown();
        recorder.shutdown();
        try {
            // The outcomes being written (the failures of the requests just cut off among them) finish first, so
            // that a job is not put back while its outcome is still being recorded.
            reporting.awaitTermination(5, TimeUnit.SECONDS);
            recorder.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recordDelivered(); // successes not written yet are written, not sent again
        List<ClaimedDelivery> left = new ArrayList<>(held);
        for (ClaimedDelivery job : left) {
            reschedule(job, clock.instant(), "released at shutdown");
        }
        LOG.info("Delivery engine {} stopped; {} jobs released", workerId, left.size());
    }

    // ---- helpers ----

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context: " + e.getMessage(), e);
        }
    }

    private static Instant jitter(Instant until) {
        return until.plusMillis(ThreadLocalRandom.current().nextLong(1000));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private String describe(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof SocketTimeoutException || e instanceof TimeoutException) {
            return "timed out after " + settings.requestTimeout();
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused or failed: " + e.getMessage();
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String snippet(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return "";
        }
        return ": " + (s.length() > 120 ? s.substring(0, 120) + "…" : s);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link DeliveryEngine}. Not thread-safe. */
    public static final class Builder {
        private final HeraldStore store;
        private final Function<String, URI> keyIds;
        private DeliverySettings settings = DeliverySettings.defaults();
        private Clock clock = Clock.systemUTC();
        private NetworkPolicy network = NetworkPolicy.publicOnly();
        private SSLContext tls;
        private SpecMemory specMemory = SpecMemory.inMemory();
        private String workerId = defaultWorkerId();

        private Builder(HeraldStore store, Function<String, URI> keyIds) {
            this.store = Checks.notNull(store, "store");
            this.keyIds = Checks.notNull(keyIds, "keyIds");
        }

        /** Sets the limits. Default: {@link DeliverySettings#defaults()}. */
        public Builder settings(DeliverySettings limits) {
            this.settings = Checks.notNull(limits, "settings");
            return this;
        }

        /** Sets the clock. Default: the system clock. */
        public Builder clock(Clock time) {
            this.clock = Checks.notNull(time, "clock");
            return this;
        }

        /**
         * Sets which inboxes may be contacted. Default: {@link NetworkPolicy#publicOnly()} (https, public addresses);
         * {@link NetworkPolicy#allowPrivateNetwork()} is for local tests only.
         */
        public Builder networkPolicy(NetworkPolicy policy) {
            this.network = Checks.notNull(policy, "networkPolicy");
            return this;
        }

        /**
         * Sets the TLS context for {@code https} inboxes (its trust managers decide which certificates are accepted;
         * host names are always verified). Default: the JVM's default context.
         */
        public Builder tls(SSLContext context) {
            this.tls = Checks.notNull(context, "tls");
            return this;
        }

        /** Sets where the double-knock remembers what each host accepted. Default: in memory. */
        public Builder specMemory(SpecMemory memory) {
            this.specMemory = Checks.notNull(memory, "specMemory");
            return this;
        }

        /** Sets the worker id recorded in leases (1 to 200 characters). Default: host name and a random suffix. */
        public Builder workerId(String id) {
            Checks.notBlank(id, "workerId");
            if (id.length() > 200) {
                throw new IllegalArgumentException("workerId must be at most 200 characters");
            }
            this.workerId = id;
            return this;
        }

        /** The engine, not yet started. */
        public DeliveryEngine build() {
            return new DeliveryEngine(this);
        }

        private static String defaultWorkerId() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "node";
            }
            if (host.length() > 150) {
                host = host.substring(0, 150);
            }
            return host + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
