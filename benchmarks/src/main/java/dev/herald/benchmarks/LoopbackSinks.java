package dev.herald.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Remote inboxes for fan-out benchmarks: {@code hosts} listening sockets, each on its own loopback address
 * ({@code 127.0.x.y}, so each is a distinct host to the sender), all served by one selector thread that parses just
 * enough HTTP/1.1 (request line, headers, {@code Content-Length} or chunked body) to answer {@code 202} and keep the
 * connection alive, taking the requests in batches while they come (see {@link #loop()}). One thread and no per-request objects beyond the path, so the sinks take as little of the
 * machine's CPU as a sink can, leaving it to the sender being measured.
 *
 * <p>Inbox {@code i} is {@code /users/u<i>/inbox} on host {@code i % hosts}; arrivals are counted per inbox, so a
 * run reports how many inboxes got the activity, how many got it more than once, and how many requests carried no
 * {@code Signature} header. Thread-safe counters; {@link #reset()} between runs.
 *
 * <p>Given a TLS context, the sinks speak HTTPS instead ({@code https://} origins), with an {@link SSLEngine} per
 * connection on the same thread.
 */
final class LoopbackSinks implements AutoCloseable {
    private static final byte[] ACCEPTED =
            "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEAD = 64 * 1024;
    private static final long BATCH_MICROS = Long.getLong("sinks.batchMicros", 500);

    private final Selector selector;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<String> origins = new ArrayList<>();
    private final AtomicIntegerArray perInbox;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong unsigned = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;
    private final Thread thread;
    private volatile boolean open = true;
    private final SSLContext tls;

    LoopbackSinks(int hosts, int inboxes) throws IOException {
        this(hosts, inboxes, null);
    }

    /** Sinks speaking HTTPS with {@code tls} (a server context), or plain HTTP if it is null. */
    LoopbackSinks(int hosts, int inboxes, SSLContext tls) throws IOException {
        this.tls = tls;
        selector = Selector.open();
        perInbox = new AtomicIntegerArray(inboxes);
        for (String literal : addresses(hosts)) {
            InetAddress address = InetAddress.getByName(literal);
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(address, 0), 4096);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            listeners.add(server);
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            origins.add((tls == null ? "http://" : "https://") + address.getHostAddress() + ":" + bound.getPort());
        }
        thread = new Thread(this::loop, "loopback-sinks");
        thread.setDaemon(true);
        thread.start();
    }

    /** The loopback addresses of {@code hosts} sinks, one per host: 127.0.0.4, 127.0.0.5, … */
    static List<String> addresses(int hosts) {
        List<String> addresses = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            int n = h + 2;
            addresses.add("127.0." + (n / 250) + "." + (n % 250 + 2));
        }
        return addresses;
    }

    /** The inbox URL of inbox {@code i}. */
    String inbox(int i) {
        return origins.get(i % origins.size()) + "/users/u" + i + "/inbox";
    }

    /** The actor id behind inbox {@code i}. */
    String actor(int i) {
        return origins.get(i % origins.size()) + "/users/u" + i;
    }

    int hosts() {
        return origins.size();
    }

    int inboxes() {
        return perInbox.length();
    }

    /** Inboxes that received at least one request since the last reset. */
    int reached() {
        int n = 0;
        for (int i = 0; i < perInbox.length(); i++) {
            if (perInbox.get(i) > 0) {
                n++;
            }
        }
        return n;
    }

    /** Requests beyond the first at each inbox. */
    long duplicates() {
        long n = 0;
        for (int i = 0; i < perInbox.length(); i++) {
            n += Math.max(0, perInbox.get(i) - 1);
        }
        return n;
    }

    long requests() {
        return requests.get();
    }

    long unsigned() {
        return unsigned.get();
    }

    /** Requests to paths that are no inbox of this run. */
    long strays() {
        return other.get();
    }

    long firstNanos() {
        return firstNanos;
    }

    long lastNanos() {
        return lastNanos;
    }

    void reset() {
        for (int i = 0; i < perInbox.length(); i++) {
            perInbox.set(i, 0);
        }
        requests.set(0);
        unsigned.set(0);
        other.set(0);
        firstNanos = 0;
        lastNanos = 0;
    }

    /** Waits until {@code count} requests arrived or {@code timeoutNanos} passed; true if they did. */
    boolean awaitRequests(long count, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (requests.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        open = false;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    /**
     * Waits in {@code select} only while nothing arrives; while requests come, it takes what is there every {@code
     * -Dsinks.batchMicros} µs (default 500; 0 wakes for each) instead of being woken for each one. These sinks share the two cores with the sender they
     * measure, and a wake-up per request (an inter-processor interrupt and two context switches on a busy core) cost
     * the sender as much CPU as the sinks' own work. A real inbox is on another machine.
     */
    private void loop() {
        try {
            while (open) {
                if (BATCH_MICROS > 0 && selector.selectNow(this::ready) > 0) {
                    LockSupport.parkNanos(BATCH_MICROS * 1000L);
                } else {
                    selector.select(this::ready, 200);
                }
            }
        } catch (IOException e) {
            if (open) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void ready(SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                accept((ServerSocketChannel) key.channel());
            } else if (key.isReadable()) {
                ((Connection) key.attachment()).read(key);
            }
        } catch (IOException | RuntimeException e) {
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void accept(ServerSocketChannel server) throws IOException {
        for (SocketChannel c; (c = server.accept()) != null; ) {
            c.configureBlocking(false);
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SSLEngine engine = null;
            if (tls != null) {
                engine = tls.createSSLEngine();
                engine.setUseClientMode(false);
            }
            c.register(selector, SelectionKey.OP_READ, new Connection(c, engine));
        }
    }

    /** A request arrived for inbox {@code index} (-1: no inbox of this run), with or without a signature. */
    private void arrived(int index, boolean signed) {
        long now = System.nanoTime();
        if (requests.getAndIncrement() == 0) {
            firstNanos = now;
        }
        lastNanos = now;
        if (index >= 0 && index < perInbox.length()) {
            perInbox.incrementAndGet(index);
        } else {
            other.incrementAndGet();
        }
        if (!signed) {
            unsigned.incrementAndGet();
        }
    }

    private static final byte[] INBOX_PREFIX = ascii("/users/u");
    private static final byte[] INBOX_SUFFIX = ascii("/inbox");
    private static final byte[] CHUNKED = ascii("\ntransfer-encoding: chunked");
    private static final byte[] CLOSE = ascii("\nconnection: close");
    private static final byte[] LENGTH = ascii("\ncontent-length:");
    private static final byte[] SIGNATURE = ascii("\nsignature:");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The inbox index in the request line {@code POST /users/u<i>/inbox HTTP/1.1} at {@code a[from..to)}, or -1. */
    private static int inboxIndex(byte[] a, int from, int to) {
        int sp1 = indexOf(a, from, to, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(a, sp1 + 1, to, (byte) ' ');
        if (sp2 < 0
                || !matches(a, sp1 + 1, INBOX_PREFIX, false)
                || !matches(a, sp2 - INBOX_SUFFIX.length, INBOX_SUFFIX, false)) {
            return -1;
        }
        int index = 0;
        int digits = 0;
        for (int i = sp1 + 1 + INBOX_PREFIX.length; i < sp2 - INBOX_SUFFIX.length; i++) {
            if (a[i] < '0' || a[i] > '9' || ++digits > 9) {
                return -1;
            }
            index = index * 10 + (a[i] - '0');
        }
        return digits == 0 ? -1 : index;
    }

    private static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Where {@code lowerCaseNeedle} (which starts with a line feed) occurs in {@code a[from..to)}, any case; or -1. */
    private static int find(byte[] a, int from, int to, byte[] lowerCaseNeedle) {
        for (int i = from; i + lowerCaseNeedle.length <= to; i++) {
            if (a[i] == '\n' && matches(a, i, lowerCaseNeedle, true)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] a, int at, byte[] expected, boolean anyCase) {
        if (at < 0 || at + expected.length > a.length) {
            return false;
        }
        for (int j = 0; j < expected.length; j++) {
            byte b = a[at + j];
            if (anyCase && b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != expected[j]) {
                return false;
            }
        }
        return true;
    }

    /** One keep-alive connection: reads requests one after another and answers each with 202. */
    private final class Connection {
        private final SocketChannel channel;
        private final SSLEngine engine; // null: plain HTTP
        private final ByteBuffer netIn; // TLS: records read, not yet unwrapped
        private final ByteBuffer netOut; // TLS: records to write
        private ByteBuffer in; // request bytes, plain
        private boolean inBody;
        private int index;
        private boolean signed;
        private long bodyLeft;
        private boolean chunked;
        private boolean closeAfter;

        Connection(SocketChannel channel, SSLEngine engine) {
            this.channel = channel;
            this.engine = engine;
            if (engine == null) {
                in = ByteBuffer.allocate(8192);
                netIn = null;
                netOut = null;
            } else {
                in = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + 8192);
                netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
                netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            }
        }

        void read(SelectionKey key) throws IOException {
            int n = channel.read(engine == null ? in : netIn);
            if (n < 0) {
                key.cancel();
                channel.close();
                return;
            }
            if (engine != null && !unwrap()) {
                key.cancel();
                channel.close();
                return;
            }
            in.flip();
            while (step()) {
                // keep parsing what is buffered
            }
            in.compact();
            if (!in.hasRemaining()) {
                grow();
            }
        }

        private void grow() throws IOException {
            if (in.capacity() >= MAX_HEAD * 2) {
                throw new IOException("request head too large");
            }
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
        }

        /**
         * TLS: runs the handshake as far as the bytes read allow and unwraps application data into {@code in}; false
         * once the peer closed the session.
         */
        private boolean unwrap() throws IOException {
            netIn.flip();
            try {
                while (true) {
                    switch (engine.getHandshakeStatus()) {
                        case NEED_TASK -> {
                            for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                                task.run();
                            }
                            continue;
                        }
                        case NEED_WRAP -> {
                            wrap(ByteBuffer.allocate(0));
                            continue;
                        }
                        default -> {
                            // NEED_UNWRAP, or not handshaking: unwrap what was read
                        }
                    }
                    if (!netIn.hasRemaining()) {
                        return true;
                    }
                    SSLEngineResult r = engine.unwrap(netIn, in);
                    switch (r.getStatus()) {
                        case BUFFER_UNDERFLOW -> {
                            return true; // the rest of the record is on its way
                        }
                        case BUFFER_OVERFLOW -> grow();
                        case CLOSED -> {
                            return false;
                        }
                        default -> {
                            // OK: go on
                        }
                    }
                }
            } finally {
                netIn.compact();
            }
        }

        /** TLS: wraps {@code data} and writes the records. */
        private void wrap(ByteBuffer data) throws IOException {
            do {
                netOut.clear();
                SSLEngineResult r = engine.wrap(data, netOut);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    throw new SSLException("cannot wrap: " + r.getStatus());
                }
                netOut.flip();
                writeFully(netOut);
            } while (data.hasRemaining());
        }

        private void writeFully(ByteBuffer out) throws IOException {
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        /** Consumes one piece of the buffered input; false when more bytes are needed. */
        private boolean step() throws IOException {
            if (!inBody) {
                int end = headEnd();
                if (end < 0) {
                    return false;
                }
                // Read in place, no strings: these sinks share the cores with the sender they measure.
                byte[] a = in.array();
                int from = in.arrayOffset() + in.position();
                int to = from + end;
                index = inboxIndex(a, from, indexOf(a, from, to, (byte) '\r'));
                signed = find(a, from, to, SIGNATURE) >= 0;
                chunked = find(a, from, to, CHUNKED) >= 0;
                closeAfter = find(a, from, to, CLOSE) >= 0;
                bodyLeft = chunked ? -1 : contentLength(a, from, to);
                in.position(in.position() + end);
                inBody = true;
                return true;
            }
            if (chunked) {
                return chunk();
            }
            int take = (int) Math.min(bodyLeft, in.remaining());
            in.position(in.position() + take);
            bodyLeft -= take;
            if (bodyLeft > 0) {
                return false;
            }
            answer();
            return in.hasRemaining();
        }

        /** Skips one chunk (size line, data, CRLF); answers after the last. */
        private boolean chunk() throws IOException {
            if (bodyLeft > 0) {
                int take = (int) Math.min(bodyLeft, in.remaining());
                in.position(in.position() + take);
                bodyLeft -= take;
                return bodyLeft == 0 && in.hasRemaining();
            }
            int lineEnd = lineEnd();
            if (lineEnd < 0) {
                return false;
            }
            String size = ascii(in.position(), lineEnd).trim();
            if (size.isEmpty()) {
                in.position(lineEnd + 2); // the CRLF after a chunk's data
                return true;
            }
            int semi = size.indexOf(';');
            long length = Long.parseLong(semi < 0 ? size : size.substring(0, semi), 16);
            if (length == 0) {
                // The last chunk and the empty line after it (the senders measured here send no trailers).
                if (in.limit() < lineEnd + 4) {
                    return false;
                }
                in.position(lineEnd + 4);
                answer();
                return in.hasRemaining();
            }
            in.position(lineEnd + 2);
            bodyLeft = length + 2; // data and its CRLF
            return true;
        }

        private String ascii(int from, int to) {
            byte[] bytes = new byte[to - from];
            for (int i = from; i < to; i++) {
                bytes[i - from] = in.get(i);
            }
            return new String(bytes, StandardCharsets.US_ASCII);
        }

        private void answer() throws IOException {
            arrived(index, signed);
            inBody = false;
            if (engine == null) {
                writeFully(ByteBuffer.wrap(ACCEPTED));
            } else {
                wrap(ByteBuffer.wrap(ACCEPTED));
            }
            if (closeAfter) {
                channel.close();
            }
        }

        private int headEnd() {
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    return i + 4 - in.position();
                }
            }
            return -1;
        }

        private int lineEnd() {
            for (int i = in.position(); i + 1 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private long contentLength(byte[] a, int from, int to) {
            int at = find(a, from, to, LENGTH);
            if (at < 0) {
                return 0;
            }
            long length = 0;
            for (int i = at + LENGTH.length; i < to && a[i] != '\r'; i++) {
                if (a[i] >= '0' && a[i] <= '9') {
                    length = length * 10 + (a[i] - '0');
                }
            }
            return length;
        }
    }
}
