package dev.herald.core.delivery.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP/1.1 client that POSTs deliveries: blocking sockets (the engine runs each request on its I/O pool), one
 * write per request, keep-alive connections pooled per origin, TLS with host-name verification and SNI. It does
 * what a delivery needs and nothing else — no redirects, no cookies, no proxies, no HTTP/2 — and so costs a fraction
 * of {@code java.net.http}'s CPU per request, which at fan-out rates is as much as the RSA signature itself.
 *
 * <p>Limits: the connect timeout; one deadline for the whole exchange (every read waits at most until it, so a
 * server that trickles bytes is cut off on time); at most {@code maxResponseBytes} of a response body read (the
 * first {@value #KEPT} characters kept for the log, the rest discarded; a connection whose body was not read to its
 * end is closed, not reused); response heads of at most {@value #MAX_HEAD} bytes; idle connections closed after
 * {@code idleTimeout}. A request on a reused connection that the server had closed (nothing read back) is sent once
 * more on a new connection, as browsers do.
 *
 * <p>Thread-safe. {@link #close()} closes every connection, in use or idle, so blocked requests fail at once.
 */
public final class InboxClient implements Closeable {
    /** How many characters of a response body are kept. */
    public static final int KEPT = 200;

    private static final int MAX_HEAD = 32 * 1024;
    private static final int MAX_IDLE_PER_ORIGIN = 16;

    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final int maxResponseBytes;
    private final String userAgent;
    private final SSLSocketFactory tls;
    private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public InboxClient(
            Duration connectTimeout,
            Duration idleTimeout,
            int maxResponseBytes,
            String userAgent,
            SSLSocketFactory tls) {
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.userAgent = userAgent;
        this.tls = tls;
    }

    /** A response: its status, its {@code Retry-After}, the start of its body. */
    public record Response(int status, Optional<String> retryAfter, String bodyStart) {}

    /** The whole exchange did not end within its deadline. */
    public static final class Timeout extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        Timeout(String message) {
            super(message);
        }
    }

    /**
     * POSTs {@code body} to {@code uri} with {@code headers} (besides {@code Host}, {@code User-Agent} and {@code
     * Content-Length}, which this client writes), and reads the response, all within {@code timeout}.
     *
     * @throws IOException if the connection or the exchange failed, or {@link Timeout} if it took too long
     */
    public Response post(URI uri, List<Map.Entry<String, String>> headers, byte[] body, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] request = request(uri, headers, body);
        String origin = origin(uri);
        Connection reused = takeIdle(origin);
        if (reused != null) {
            try {
                return exchange(reused, origin, request, deadline);
            } catch (StaleConnection e) {
                // The server closed it while idle: send once more on a new connection.
            }
        }
        Connection fresh = connect(uri, deadline);
        try {
            return exchange(fresh, origin, request, deadline);
        } catch (StaleConnection e) {
            throw new EOFException("the server closed the connection without answering");
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c : open) {
            c.close();
        }
        idle.clear();
    }

    /** How many connections are open (idle or in use). */
    public int openConnections() {
        return open.size();
    }

    // ---- request ----

    private byte[] request(URI uri, List<Map.Entry<String, String>> headers, byte[] body) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        StringBuilder head = new StringBuilder(512 + 100 * headers.size());
        head.append("POST ").append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostHeader(uri)).append("\r\n");
        head.append("User-Agent: ").append(userAgent).append("\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\n");
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey();
            String value = h.getValue();
            if (!token(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("not a sendable header: " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
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

    private static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":"
                + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    // ---- connections ----

    private Connection takeIdle(String origin) {
        ConcurrentLinkedDeque<Connection> pool = idle.get(origin);
        if (pool == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Connection c; (c = pool.pollFirst()) != null; ) {
            if (now - c.idleSince < idleTimeout.toNanos() && !c.socket.isClosed()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void giveBack(String origin, Connection c) {
        if (closed) {
            c.close();
            return;
        }
        c.idleSince = System.nanoTime();
        ConcurrentLinkedDeque<Connection> pool = idle.computeIfAbsent(origin, o -> new ConcurrentLinkedDeque<>());
        if (pool.size() >= MAX_IDLE_PER_ORIGIN) {
            c.close();
            return;
        }
        pool.addFirst(c);
        if (closed) {
            c.close();
        }
    }

    private Connection connect(URI uri, long deadline) throws IOException {
        if (closed) {
            throw new IOException("the delivery client is closed");
        }
        String host = uri.getHost();
        int port = port(uri);
        Socket socket = new Socket();
        Connection c = new Connection(socket);
        open.add(c);
        try {
            socket.setTcpNoDelay(true);
            int connectMillis = (int) Math.max(1, Math.min(connectTimeout.toMillis(), remainingMillis(deadline)));
            socket.connect(new InetSocketAddress(host, port), connectMillis);
            Socket stream = socket;
            if ("https".equalsIgnoreCase(uri.getScheme())) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!host.startsWith("[") && host.chars().anyMatch(Character::isLetter)) {
                    params.setServerNames(List.of(new SNIHostName(host)));
                }
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(remainingMillis(deadline));
                ssl.startHandshake();
                stream = ssl;
                c.tls = ssl;
            }
            // Buffered: the head is read a byte at a time, which on a bare socket is a system call per byte.
            c.in = new java.io.BufferedInputStream(stream.getInputStream(), 4096);
            c.out = stream.getOutputStream();
            return c;
        } catch (SocketTimeoutException e) {
            c.close();
            throw new Timeout("connecting to " + host + ":" + port + " timed out");
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static int remainingMillis(long deadline) throws Timeout {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new Timeout("the request took longer than its deadline");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** The server had closed a reused connection before answering. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private Response exchange(Connection c, String origin, byte[] request, long deadline) throws IOException {
        boolean reused = c.exchanges > 0;
        boolean keep = false;
        try {
            Socket s = c.tls != null ? c.tls : c.socket;
            s.setSoTimeout(remainingMillis(deadline));
            c.out.write(request);
            c.out.flush();
            Head head;
            do {
                head = readHead(c, deadline, reused);
                reused = false; // bytes came back: no resend from here on
            } while (head.status >= 100 && head.status < 200);
            Body body = readBody(c, head, deadline);
            c.exchanges++;
            keep = body.complete && !head.close;
            return new Response(head.status, Optional.ofNullable(head.retryAfter), body.kept);
        } catch (SocketTimeoutException e) {
            throw e instanceof Timeout ? e : new Timeout("no answer before the deadline");
        } catch (IOException e) {
            if (reused && !(e instanceof Timeout)) {
                throw new StaleConnection();
            }
            throw e;
        } finally {
            if (keep) {
                giveBack(origin, c);
            } else {
                c.close();
            }
        }
    }

    private record Head(int status, boolean close, long length, boolean chunked, String retryAfter) {}

    private record Body(String kept, boolean complete) {}

    private Head readHead(Connection c, long deadline, boolean reused) throws IOException {
        int total = 0;
        String statusLine = readLine(c, deadline, reused);
        total += statusLine.length();
        // HTTP/1.1 200 OK
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x response: " + cut(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + cut(statusLine));
        }
        boolean close = statusLine.startsWith("HTTP/1.0");
        long length = -1;
        boolean chunked = false;
        String retryAfter = null;
        for (String line; !(line = readLine(c, deadline, false)).isEmpty(); ) {
            total += line.length();
            if (total > MAX_HEAD) {
                throw new IOException("response head longer than " + MAX_HEAD + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad Content-Length: " + cut(value));
                    }
                }
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "connection" -> close |= value.toLowerCase(Locale.ROOT).contains("close");
                case "retry-after" -> retryAfter = value;
                default -> {
                    // not needed
                }
            }
        }
        return new Head(status, close, length, chunked, retryAfter);
    }

    private Body readBody(Connection c, Head head, long deadline) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long budget = maxResponseBytes;
        boolean complete;
        if (head.status == 204 || head.status == 304) {
            complete = true;
        } else if (head.chunked) {
            complete = false;
            while (true) {
                String sizeLine = readLine(c, deadline, false);
                int semi = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + cut(sizeLine));
                }
                if (size == 0) {
                    while (!readLine(c, deadline, false).isEmpty()) {
                        // trailers: ignored
                    }
                    complete = true;
                    break;
                }
                if (size > budget) {
                    break;
                }
                budget -= size;
                read(c, size, kept, deadline);
                readLine(c, deadline, false);
            }
        } else if (head.length >= 0) {
            complete = head.length <= budget;
            read(c, Math.min(head.length, budget), kept, deadline);
        } else {
            // No length: the body ends when the server closes the connection; read what the cap allows.
            read(c, budget, kept, deadline);
            complete = false;
        }
        String text = kept.toString(StandardCharsets.UTF_8);
        return new Body(text.length() > KEPT ? text.substring(0, KEPT) : text, complete);
    }

    /** Reads {@code n} bytes (fewer if the stream ends), keeping the first {@link #KEPT}. */
    private static void read(Connection c, long n, ByteArrayOutputStream kept, long deadline) throws IOException {
        byte[] buffer = c.buffer;
        long left = n;
        while (left > 0) {
            c.setTimeout(remainingMillis(deadline));
            int got = c.in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (got < 0) {
                return;
            }
            if (kept.size() < KEPT * 4) {
                kept.write(buffer, 0, Math.min(got, KEPT * 4 - kept.size()));
            }
            left -= got;
        }
    }

    /** A line ending in CRLF (or LF), without it, ISO-8859-1. */
    private static String readLine(Connection c, long deadline, boolean firstOfReused) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            c.setTimeout(remainingMillis(deadline));
            int b = c.in.read();
            if (b < 0) {
                if (firstOfReused && line.length() == 0) {
                    throw new StaleConnection();
                }
                throw new EOFException("the connection ended in the middle of the response head");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_HEAD) {
                throw new IOException("response line longer than " + MAX_HEAD + " bytes");
            }
            line.append((char) b);
        }
    }

    private static String cut(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** One connection. Used by one request at a time. */
    private final class Connection {
        final Socket socket;
        final byte[] buffer = new byte[1024];
        SSLSocket tls;
        InputStream in;
        OutputStream out;
        long idleSince;
        int exchanges;
        private int timeout = -1;

        Connection(Socket socket) {
            this.socket = socket;
        }

        void setTimeout(int millis) throws IOException {
            // Changing SO_TIMEOUT is a system call on some platforms; skip it when close to the current one.
            if (timeout < 0 || millis < timeout - 50 || millis > timeout) {
                (tls != null ? tls : socket).setSoTimeout(millis);
                timeout = millis;
            }
        }

        void close() {
            open.remove(this);
            try {
                (tls != null ? tls : socket).close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
