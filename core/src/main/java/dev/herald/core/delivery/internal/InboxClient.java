package dev.herald.core.delivery.internal;

import dev.herald.webfinger.NetworkPolicy;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 client that POSTs deliveries, event-driven: the thread that calls {@link #send} writes its request
 * itself on an idle keep-alive connection and then reads whatever responses are ready, without waiting; a selector
 * thread waits for responses only while no caller is sending. Under load no thread is woken per request or per
 * response. Keep-alive connections are pooled per origin; TLS runs on {@link
 * SSLEngine} with host-name verification and SNI. It does what a delivery needs and nothing else — no redirects, no
 * cookies, no proxies, no HTTP/2 — and so costs a fraction of {@code java.net.http}'s CPU per request, which at
 * fan-out rates is as much as the RSA signature itself.
 *
 * <p>Limits: the connect timeout; one deadline for the whole exchange (checked every {@value #SWEEP_MILLIS} ms, so a
 * server that trickles bytes is cut off on time); at most {@code maxResponseBytes} of a response body read (the
 * first {@value #KEPT} characters kept for the log, the rest discarded; a connection whose body was not read to its
 * end is closed, not reused); response heads of at most 32 KiB; idle connections closed after {@code idleTimeout},
 * at most {@value #MAX_IDLE_PER_ORIGIN} kept per origin. A request on a reused connection that the server had closed
 * (nothing read back) is sent once more on a new connection, as browsers do. Host names are resolved and connections
 * opened on a small pool of their own, never on the selector thread or the caller's, and the address connected to
 * must pass the network policy ({@link NetworkPolicy#checkAddress}).
 *
 * <p>Thread-safe. Callbacks run on the selector thread or the calling thread and must not block. {@link #close()}
 * closes every connection, in use or idle, and fails the requests in flight at once.
 */
public final class InboxClient implements Closeable {
    /** How many characters of a response body are kept. */
    public static final int KEPT = 200;

    private static final Logger LOG = LoggerFactory.getLogger(InboxClient.class);
    private static final int MAX_IDLE_PER_ORIGIN = 16;
    private static final long SWEEP_MILLIS = 50;
    /** How long after the callers' last poll the selector thread takes over again. */
    private static final long HANDOVER_NANOS = 2_000_000;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final ThreadLocal<ByteBuffer> WRAP_SCRATCH = new ThreadLocal<>();

    private final NetworkPolicy addresses;
    private final Duration connectTimeout;
    private final long idleNanos;
    private final int maxResponseBytes;
    private final String userAgent;
    private final SSLContext tls;
    private final Selector selector;
    private final Thread loop;
    private final ThreadPoolExecutor connector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentLinkedDeque<Conn>> idle = new ConcurrentHashMap<>();
    private final Set<Conn> open = ConcurrentHashMap.newKeySet();
    /** Held by the thread reading responses: the selector thread, or a caller of send() between its requests. */
    private final ReentrantLock polling = new ReentrantLock();

    private volatile long lastCallerPoll = System.nanoTime() - HANDOVER_NANOS;
    private volatile boolean selecting;
    private volatile boolean callerWaiting;
    // Used under the polling lock only.
    private long nextSweep = System.nanoTime();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private ByteBuffer appBuffer = ByteBuffer.allocate(32 * 1024);
    private volatile boolean closed;

    /**
     * @param tls the TLS context for https inboxes (its trust managers decide which certificates are accepted)
     * @param addresses the policy each new connection's address must pass ({@link NetworkPolicy#checkAddress}): the
     *     address actually connected to, so that a host name that resolved to a public address when the URL was
     *     checked cannot send the connection to a private one (DNS rebinding)
     */
    public InboxClient(
            Duration connectTimeout,
            Duration idleTimeout,
            int maxResponseBytes,
            String userAgent,
            SSLContext tls,
            NetworkPolicy addresses) {
        this.addresses = addresses;
        this.connectTimeout = connectTimeout;
        this.idleNanos = idleTimeout.toNanos();
        this.maxResponseBytes = maxResponseBytes;
        this.userAgent = userAgent;
        this.tls = tls;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector: " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        this.connector = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "herald-delivery-connect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        connector.allowCoreThreadTimeOut(true);
        this.loop = new Thread(this::run, "herald-delivery-io");
        loop.setDaemon(true);
        loop.start();
    }

    /** A response: its status, its {@code Retry-After}, the start of its body. */
    public record Response(int status, Optional<String> retryAfter, String bodyStart) {}

    /** What becomes of a request: exactly one of {@code response} and {@code error} is set. */
    @FunctionalInterface
    public interface Callback {
        void done(Response response, IOException error);
    }

    /** The whole exchange did not end within its deadline. */
    public static final class Timeout extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        Timeout(String message) {
            super(message);
        }
    }

    /**
     * POSTs {@code body} to {@code uri} with {@code headers} (besides {@code Host}, {@code User-Agent} and {@code
     * Content-Length}, which this client writes) and reads the response, all within {@code timeout}; {@code callback}
     * learns the outcome: a response, or an {@link IOException} ({@link Timeout} if it took too long).
     *
     * @throws IllegalArgumentException if a header could not be sent as it is (a name that is not a token, a value
     *     with a line break)
     */
    public void send(
            URI uri, List<Map.Entry<String, String>> headers, byte[] body, Duration timeout, Callback callback) {
        Exchange x = new Exchange(uri, request(uri, headers, body), System.nanoTime() + timeout.toNanos(), callback);
        if (closed) {
            finish(x, null, new IOException("the delivery client is closed"));
            return;
        }
        start(x);
        poll();
    }

    /**
     * {@link #send} and wait for the outcome. Not for the callbacks of this client.
     *
     * @throws IOException if the connection or the exchange failed, or {@link Timeout} if it took too long
     */
    public Response post(URI uri, List<Map.Entry<String, String>> headers, byte[] body, Duration timeout)
            throws IOException {
        CompletableFuture<Response> outcome = new CompletableFuture<>();
        send(uri, headers, body, timeout, (response, error) -> {
            if (error != null) {
                outcome.completeExceptionally(error);
            } else {
                outcome.complete(response);
            }
        });
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + uri);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Runnable never : connector.shutdownNow()) {
            if (never instanceof Opening o) {
                finish(o.exchange, null, new IOException("the delivery client is closed"));
            }
        }
        selector.wakeup();
        if (Thread.currentThread() != loop) {
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many connections are open (idle or in use). */
    public int openConnections() {
        return open.size();
    }

    /** The Host header: the host, and the port unless it is the scheme's default. */
    public static String hostHeader(URI uri) {
        String host = uri.getHost();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.getPort();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        return port == -1 || port == (https ? 443 : 80) ? host : host + ":" + port;
    }

    // ---- the request ----

    /** The request's bytes: its head written straight into one array with the body, no intermediate strings. */
    private byte[] request(URI uri, List<Map.Entry<String, String>> headers, byte[] body) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery();
        String host = hostHeader(uri);
        String length = Integer.toString(body.length);
        // "POST " path ["?" query] " HTTP/1.1\r\n", three lines "Name: value\r\n", the headers, "\r\n"
        int size = 5
                + path.length()
                + (query == null ? 0 : 1 + query.length())
                + 11
                + ("Host".length() + 4 + host.length())
                + ("User-Agent".length() + 4 + userAgent.length())
                + ("Content-Length".length() + 4 + length.length())
                + 2;
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey();
            String value = h.getValue();
            if (!token(name) || !sendable(value)) {
                throw new IllegalArgumentException("not a sendable header: " + name);
            }
            size += name.length() + 4 + value.length();
        }
        byte[] all = new byte[size + body.length];
        int at = put(all, 0, "POST ");
        at = put(all, at, path);
        if (query != null) {
            all[at++] = '?';
            at = put(all, at, query);
        }
        at = put(all, at, " HTTP/1.1\r\n");
        at = line(all, at, "Host", host);
        at = line(all, at, "User-Agent", userAgent);
        at = line(all, at, "Content-Length", length);
        for (Map.Entry<String, String> h : headers) {
            at = line(all, at, h.getKey(), h.getValue());
        }
        all[at++] = '\r';
        all[at++] = '\n';
        if (at != size) {
            throw new IllegalStateException("request head is " + at + " bytes, not " + size);
        }
        System.arraycopy(body, 0, all, at, body.length);
        return all;
    }

    private static int line(byte[] to, int at, String name, String value) {
        at = put(to, at, name);
        to[at++] = ':';
        to[at++] = ' ';
        at = put(to, at, value);
        to[at++] = '\r';
        to[at++] = '\n';
        return at;
    }

    /** ISO-8859-1, as HTTP/1.1 heads are read; a character beyond it becomes '?'. */
    private static int put(byte[] to, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            to[at++] = c < 256 ? (byte) c : (byte) '?';
        }
        return at;
    }

    private static boolean sendable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean token(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** One request and its outcome. */
    private static final class Exchange {
        final URI uri;
        final String host;
        final int port;
        final boolean https;
        final String origin;
        final byte[] request;
        final long deadline;
        final Callback callback;
        final AtomicBoolean finished = new AtomicBoolean();
        volatile boolean resent;

        Exchange(URI uri, byte[] request, long deadline, Callback callback) {
            this.uri = uri;
            this.host = uri.getHost();
            this.https = "https".equalsIgnoreCase(uri.getScheme());
            this.port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
            this.origin = (https ? "https://" : "http://") + host.toLowerCase(Locale.ROOT) + ":" + port;
            this.request = request;
            this.deadline = deadline;
            this.callback = callback;
        }
    }

    // ---- starting an exchange (any thread) ----

    private void start(Exchange x) {
        for (Conn c; (c = takeIdle(x.origin)) != null; ) {
            if (c.begin(x)) {
                return;
            }
        }
        connect(x);
    }

    private Conn takeIdle(String origin) {
        ConcurrentLinkedDeque<Conn> pool = idle.get(origin);
        return pool == null ? null : pool.pollFirst();
    }

    private void connect(Exchange x) {
        try {
            connector.execute(new Opening(x));
        } catch (RejectedExecutionException e) {
            finish(x, null, new IOException("the delivery client is closed"));
        }
    }

    /** A connection to open for an exchange. */
    private final class Opening implements Runnable {
        final Exchange exchange;

        Opening(Exchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public void run() {
            open(exchange);
        }
    }

    /** On the connector pool: resolves the host and starts connecting; the selector thread takes it from there. */
    private void open(Exchange x) {
        SocketChannel channel = null;
        try {
            if (closed) {
                throw new IOException("the delivery client is closed");
            }
            String bare =
                    x.host.startsWith("[") && x.host.endsWith("]") ? x.host.substring(1, x.host.length() - 1) : x.host;
            InetAddress resolved = InetAddress.getByName(bare);
            addresses.checkAddress(x.uri, resolved);
            InetSocketAddress address = new InetSocketAddress(resolved, x.port);
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            Conn c = new Conn(channel, x);
            open.add(c);
            tasks.add(() -> act(c.registered(connected)));
            selector.wakeup();
            if (closed) {
                act(c.fail(new IOException("the delivery client is closed"))); // the loop may have ended already
            }
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            finish(x, null, e instanceof IOException io ? io : new IOException(e.toString(), e));
        }
    }

    /** Hands the outcome to the caller, once; a stale reused connection gets the request sent once more. */
    private void finish(Exchange x, Response response, IOException error) {
        if (!x.finished.compareAndSet(false, true)) {
            return;
        }
        try {
            x.callback.done(response, error);
        } catch (RuntimeException e) {
            LOG.warn("A delivery callback failed: {}", e.toString(), e);
        }
    }

    /** What to do once a connection's lock is let go. */
    private record After(Exchange exchange, Response response, IOException error, boolean resend) {}

    private void act(After after) {
        if (after == null) {
            return;
        }
        if (after.resend) {
            after.exchange.resent = true;
            connect(after.exchange);
        } else {
            finish(after.exchange, after.response, after.error);
        }
    }

    // ---- the selector thread ----

    /**
     * The selector thread. While callers of {@link #send} poll (they do after each request), it stays out of their
     * way; when they stop, it waits for responses itself. Under load the responses are then read by the threads that
     * are running anyway, between their requests, instead of each response waking this thread: on two busy cores the
     * wake-ups (a reschedule interrupt and two context switches each) had cost as much CPU as the reading.
     */
    private void run() {
        try {
            while (!closed) {
                long sinceCallers = System.nanoTime() - lastCallerPoll;
                if (sinceCallers < HANDOVER_NANOS) {
                    LockSupport.parkNanos(HANDOVER_NANOS - sinceCallers);
                    continue;
                }
                polling.lock();
                try {
                    if (callerWaiting) {
                        callerWaiting = false;
                        lastCallerPoll = System.nanoTime();
                        continue;
                    }
                    selecting = true;
                    long wait = Math.max(1, (nextSweep - System.nanoTime()) / 1_000_000);
                    selector.select(this::ready, wait);
                    selecting = false;
                    afterSelect();
                } finally {
                    selecting = false;
                    polling.unlock();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.error("The delivery client's selector failed: {}", e.toString(), e);
        } catch (RuntimeException | Error e) {
            LOG.error("The delivery client's selector thread failed: {}", e.toString(), e);
        } finally {
            closed = true;
            polling.lock(); // a caller may be polling still
            for (Conn c : List.copyOf(open)) {
                act(c.fail(new IOException("the delivery client is closed")));
            }
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run(); // registrations: they see the client closed and fail their exchange
            }
            idle.clear();
            try {
                selector.close();
            } catch (IOException e) {
                // closing anyway
            } finally {
                polling.unlock();
            }
        }
    }

    /**
     * Reads the responses that are ready, without waiting, unless another thread is at it. {@link #send} calls it
     * after writing its request; not from a callback of this client.
     */
    private void poll() {
        if (polling.isHeldByCurrentThread()) {
            return; // a callback's own request: the poll it runs in goes on
        }
        if (polling.tryLock()) {
            try {
                if (!closed) {
                    selector.selectNow(this::ready);
                    afterSelect();
                    lastCallerPoll = System.nanoTime();
                }
            } catch (IOException | ClosedSelectorException e) {
                // the selector thread reports and handles a broken selector
            } finally {
                polling.unlock();
            }
        } else if (selecting && !callerWaiting) {
            // The selector thread waits in select(): ask it to hand over, once.
            callerWaiting = true;
            selector.wakeup();
        }
    }

    /** Registrations and the deadline sweep: run by whichever thread polled. */
    private void afterSelect() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            sweep(now);
            nextSweep = now + SWEEP_MILLIS * 1_000_000;
        }
    }

    private void ready(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        try {
            act(c.ready(key.readyOps()));
        } catch (CancelledKeyException e) {
            act(c.fail(new EOFException("the connection was closed")));
        }
    }

    /** Fails exchanges past their deadline and closes connections idle for too long. */
    private void sweep(long now) {
        for (Conn c : open) {
            act(c.expire(now));
        }
    }

    private ByteBuffer appBuffer(SSLEngine engine) {
        int size = engine.getSession().getApplicationBufferSize();
        if (appBuffer.capacity() < size) {
            appBuffer = ByteBuffer.allocate(size);
        }
        return appBuffer;
    }

    private static ByteBuffer wrapScratch(SSLEngine engine) {
        int size = engine.getSession().getPacketBufferSize();
        ByteBuffer b = WRAP_SCRATCH.get();
        if (b == null || b.capacity() < size) {
            b = ByteBuffer.allocate(Math.max(size, 17 * 1024));
            WRAP_SCRATCH.set(b);
        }
        b.clear();
        return b;
    }

    private static ByteBuffer copyOf(ByteBuffer b) {
        ByteBuffer copy = ByteBuffer.allocate(b.remaining());
        copy.put(b).flip();
        return copy;
    }

    /** One connection: used by one exchange at a time; every method runs under its lock. */
    private final class Conn {
        private static final int CONNECTING = 0;
        private static final int HANDSHAKING = 1;
        private static final int EXCHANGING = 2;
        private static final int IDLE = 3;
        private static final int CLOSED = 4;

        final SocketChannel channel;
        final String origin;
        final String host;
        final int port;
        final long connectDeadline;
        final ResponseReader reader = new ResponseReader(maxResponseBytes);
        SelectionKey key;
        SSLEngine engine;
        int state = CONNECTING;
        Exchange exchange;
        boolean reused;
        int exchanges;
        long idleSince;
        ByteBuffer out; // the request bytes not yet written (TLS: not yet wrapped)
        ByteBuffer netPending; // TLS: encrypted bytes not yet written
        ByteBuffer netLeftover; // TLS: the start of a record not yet complete

        Conn(SocketChannel channel, Exchange first) {
            this.channel = channel;
            this.origin = first.origin;
            this.host = first.host;
            this.port = first.port;
            this.exchange = first;
            this.connectDeadline = Math.min(first.deadline, System.nanoTime() + connectTimeout.toNanos());
        }

        /** On the selector thread, once the connection attempt is under way. */
        synchronized After registered(boolean connected) {
            if (state == CLOSED) {
                return null;
            }
            try {
                if (closed) {
                    throw new IOException("the delivery client is closed");
                }
                key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
                return connected ? connected() : null;
            } catch (IOException | RuntimeException e) {
                return failLocked(e instanceof IOException io ? io : new IOException(e.toString(), e));
            }
        }

        /** Starts {@code x} on this idle connection; false if it had closed meanwhile. Any thread. */
        boolean begin(Exchange x) {
            After after;
            synchronized (this) {
                if (state != IDLE) {
                    return false;
                }
                if (System.nanoTime() - idleSince > idleNanos) {
                    closeLocked();
                    return false;
                }
                exchange = x;
                reused = true;
                state = EXCHANGING;
                after = startRequest();
            }
            act(after);
            return true;
        }

        private After connected() throws IOException {
            if (exchange.https) {
                engine = tls.createSSLEngine(host, port);
                engine.setUseClientMode(true);
                SSLParameters params = engine.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!host.startsWith("[") && host.chars().anyMatch(Character::isLetter)) {
                    params.setServerNames(List.of(new SNIHostName(host)));
                }
                engine.setSSLParameters(params);
                engine.beginHandshake();
                state = HANDSHAKING;
                interest(SelectionKey.OP_READ);
                return handshake(EMPTY);
            }
            state = EXCHANGING;
            return startRequest();
        }

        private After startRequest() {
            reader.reset();
            out = ByteBuffer.wrap(exchange.request);
            try {
                flushOrWait();
                return null;
            } catch (IOException e) {
                return failLocked(e);
            }
        }

        /** Writes what it can; asks for OP_WRITE if the socket is full. */
        private void flushOrWait() throws IOException {
            if (flush()) {
                interest(SelectionKey.OP_READ);
            } else {
                interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                if (Thread.currentThread() != loop) {
                    selector.wakeup(); // interest changes take effect at the next select
                }
            }
        }

        /** Writes pending bytes; false if some are left for OP_WRITE. */
        private boolean flush() throws IOException {
            if (engine == null) {
                while (out != null && out.hasRemaining()) {
                    if (channel.write(out) == 0) {
                        return false;
                    }
                }
                return true;
            }
            while (true) {
                if (netPending != null) {
                    channel.write(netPending);
                    if (netPending.hasRemaining()) {
                        return false;
                    }
                    netPending = null;
                }
                if (out == null || !out.hasRemaining()) {
                    return true;
                }
                ByteBuffer scratch = wrapScratch(engine);
                SSLEngineResult r = engine.wrap(out, scratch);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new IOException("the TLS session was closed");
                }
                scratch.flip();
                channel.write(scratch);
                if (scratch.hasRemaining()) {
                    netPending = copyOf(scratch);
                }
            }
        }

        private void interest(int ops) {
            if (key != null && key.isValid() && key.interestOps() != ops) {
                key.interestOps(ops);
            }
        }

        /** On the selector thread: the socket is ready for {@code ops}. */
        synchronized After ready(int ops) {
            if (state == CLOSED) {
                return null;
            }
            try {
                if ((ops & SelectionKey.OP_CONNECT) != 0) {
                    channel.finishConnect();
                    interest(SelectionKey.OP_READ);
                    return connected();
                }
                if ((ops & SelectionKey.OP_WRITE) != 0) {
                    if (!flush()) {
                        return null;
                    }
                    interest(SelectionKey.OP_READ);
                    if (state == HANDSHAKING) {
                        return handshake(EMPTY);
                    }
                }
                if ((ops & SelectionKey.OP_READ) != 0) {
                    return readable();
                }
                return null;
            } catch (IOException e) {
                return failLocked(e);
            } catch (RuntimeException e) {
                return failLocked(new IOException(e.toString(), e));
            }
        }

        private After readable() throws IOException {
            ByteBuffer in = readBuffer;
            in.clear();
            if (netLeftover != null) {
                in.put(netLeftover);
                netLeftover = null;
            }
            int n = channel.read(in);
            in.flip();
            After after;
            if (engine == null) {
                after = n > 0 ? received(in) : null;
            } else {
                after = state == HANDSHAKING ? handshake(in) : unwrap(in);
                if (state != CLOSED && in.hasRemaining()) {
                    netLeftover = copyOf(in);
                }
            }
            if (n < 0 && state != CLOSED && after == null) {
                after = ended();
            }
            return after;
        }

        /** Plain bytes of the response (or, while idle, bytes nobody asked for). */
        private After received(ByteBuffer in) throws IOException {
            if (state != EXCHANGING || reader.done()) {
                closeLocked(); // a server talking out of turn: not reusable
                return null;
            }
            if (!reader.read(in)) {
                return null;
            }
            boolean reusable = reader.reusable() && !in.hasRemaining() && (out == null || !out.hasRemaining());
            return respond(reusable);
        }

        private After unwrap(ByteBuffer in) throws IOException {
            while (in.hasRemaining() && state != CLOSED) {
                ByteBuffer app = appBuffer(engine);
                app.clear();
                SSLEngineResult r = engine.unwrap(in, app);
                app.flip();
                After after = null;
                if (app.hasRemaining()) {
                    after = received(app);
                }
                switch (r.getStatus()) {
                    case BUFFER_UNDERFLOW -> {
                        return after; // the rest of the record is still on its way
                    }
                    case CLOSED -> {
                        return after != null ? after : ended();
                    }
                    default -> {
                        // OK; BUFFER_OVERFLOW cannot happen with the session's buffer size
                    }
                }
                runTasks(r);
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    wrapHandshake();
                }
                if (after != null) {
                    return after;
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    return null;
                }
            }
            return null;
        }

        /** Drives the TLS handshake as far as {@code in} allows; sends the request once it is done. */
        private After handshake(ByteBuffer in) throws IOException {
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NOT_HANDSHAKING, FINISHED -> {
                        state = EXCHANGING;
                        After after = startRequest();
                        if (after == null && in.hasRemaining()) {
                            after = unwrap(in);
                        }
                        return after;
                    }
                    case NEED_TASK -> runTasks(null);
                    case NEED_WRAP -> {
                        if (!wrapHandshake()) {
                            return null; // OP_WRITE resumes
                        }
                    }
                    default -> {
                        // NEED_UNWRAP, NEED_UNWRAP_AGAIN
                        if (!in.hasRemaining()
                                && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                            return null;
                        }
                        SSLEngineResult r = engine.unwrap(in, appBuffer(engine).clear());
                        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                            return null;
                        }
                        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            throw new EOFException("the server closed the connection during the TLS handshake");
                        }
                    }
                }
            }
        }

        /** Wraps a handshake message and writes it; false if the socket is full. */
        private boolean wrapHandshake() throws IOException {
            if (netPending == null) {
                ByteBuffer scratch = wrapScratch(engine);
                SSLEngineResult r = engine.wrap(EMPTY, scratch);
                scratch.flip();
                if (scratch.hasRemaining()) {
                    channel.write(scratch);
                    if (scratch.hasRemaining()) {
                        netPending = copyOf(scratch);
                    }
                }
                runTasks(r);
            }
            if (netPending != null) {
                channel.write(netPending);
                if (netPending.hasRemaining()) {
                    interest(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return false;
                }
                netPending = null;
            }
            return true;
        }

        private void runTasks(SSLEngineResult r) {
            if (r == null || r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                    task.run();
                }
            }
        }

        /** The response is complete: hand it over and keep the connection if it may be reused. */
        private After respond(boolean reusable) {
            Exchange x = exchange;
            Response response = reader.response();
            exchange = null;
            out = null;
            exchanges++;
            if (reusable && !closed) {
                state = IDLE;
                idleSince = System.nanoTime();
                ConcurrentLinkedDeque<Conn> pool = idle.computeIfAbsent(origin, o -> new ConcurrentLinkedDeque<>());
                if (pool.size() < MAX_IDLE_PER_ORIGIN) {
                    pool.addFirst(this);
                } else {
                    closeLocked();
                }
            } else {
                closeLocked();
            }
            return new After(x, response, null, false);
        }

        /** The server closed the connection. */
        private After ended() {
            if (state == EXCHANGING && exchange != null) {
                try {
                    if (reader.end()) {
                        return respond(false);
                    }
                } catch (EOFException e) {
                    return failLocked(e);
                }
            }
            closeLocked();
            return null;
        }

        /** Fails the exchange in progress (if any) and closes. */
        synchronized After fail(IOException error) {
            return failLocked(error);
        }

        private After failLocked(IOException error) {
            Exchange x = exchange;
            boolean stale = x != null && reused && !reader.sawBytes() && !(error instanceof Timeout) && !closed;
            exchange = null;
            closeLocked();
            if (x == null) {
                return null;
            }
            if (stale && !x.resent) {
                return new After(x, null, null, true);
            }
            if (stale) {
                return new After(
                        x, null, new EOFException("the server closed the connection without answering"), false);
            }
            return new After(x, null, error, false);
        }

        /** On the selector thread: times out an exchange past its deadline, closes the connection if idle too long. */
        synchronized After expire(long now) {
            if (state == IDLE) {
                if (now - idleSince > idleNanos) {
                    closeLocked();
                }
                return null;
            }
            if (exchange == null || state == CLOSED) {
                return null;
            }
            if (state == CONNECTING && now - connectDeadline > 0) {
                return failLocked(new Timeout("connecting to " + host + ":" + port + " timed out"));
            }
            if (now - exchange.deadline > 0) {
                return failLocked(new Timeout(
                        state == CONNECTING || state == HANDSHAKING
                                ? "connecting to " + host + ":" + port + " timed out"
                                : "no answer before the deadline"));
            }
            return null;
        }

        synchronized void close() {
            closeLocked();
        }

        private void closeLocked() {
            if (state == CLOSED) {
                return;
            }
            boolean wasIdle = state == IDLE;
            state = CLOSED;
            open.remove(this);
            if (wasIdle) {
                ConcurrentLinkedDeque<Conn> pool = idle.get(origin);
                if (pool != null) {
                    pool.remove(this);
                }
            }
            if (engine != null) {
                engine.closeOutbound();
            }
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
