package dev.herald.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A load generator for inbox benchmarks: pre-built HTTP/1.1 POSTs sent over {@code connections} keep-alive
 * connections, one request in flight on each, all driven by one selector thread. The requests are serialised
 * before the clock starts, so per request the generator only writes bytes and reads one answer ({@code
 * Content-Length} or chunked): it takes as little of the machine's CPU as a client can, leaving it to the server
 * being measured. A connection the server closes is opened again.
 *
 * <p>Not thread-safe: one {@link #run} at a time.
 */
final class HttpLoad {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 1024 * 1024;

    /** One request, as bytes on the wire. */
    record Request(byte[] wire) {
        /** {@code POST target} with {@code headers} (no {@code Host} or {@code Content-Length}) and {@code body}. */
        static Request post(URI target, List<Map.Entry<String, String>> headers, byte[] body) {
            StringBuilder head = new StringBuilder(1024)
                    .append("POST ")
                    .append(target.getRawPath())
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(target.getHost())
                    .append(':')
                    .append(target.getPort())
                    .append("\r\n");
            for (Map.Entry<String, String> h : headers) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            ByteArrayOutputStream wire = new ByteArrayOutputStream(head.length() + body.length);
            wire.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            wire.writeBytes(body);
            return new Request(wire.toByteArray());
        }
    }

    /** What the server answered. */
    record Result(int accepted, int refused, Set<String> reasons, double seconds, long cpuMillis) {}

    private HttpLoad() {}

    /** Sends every request to {@code server}, at most {@code connections} at a time; returns when all are answered. */
    static Result run(InetSocketAddress server, List<Request> requests, int connections) {
        try (Selector selector = Selector.open()) {
            long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Counts counts = new Counts();
            int next = 0;
            List<Connection> open = new ArrayList<>();
            for (int c = 0; c < Math.min(connections, requests.size()); c++) {
                Connection connection = new Connection(server, selector);
                open.add(connection);
                connection.send(requests.get(next++));
            }
            int answered = 0;
            while (answered < requests.size()) {
                selector.select(1_000);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (key.isValid() && key.isWritable()) {
                        connection.write();
                    }
                    if (key.isValid() && key.isReadable()) {
                        int status = connection.read();
                        if (status == 0) {
                            continue;
                        }
                        answered++;
                        counts.add(status, connection.bodyStart());
                        if (connection.closing()) {
                            connection.close();
                            connection = new Connection(server, selector);
                        }
                        if (next < requests.size()) {
                            connection.send(requests.get(next++));
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
            for (SelectionKey key : selector.keys()) {
                ((Connection) key.attachment()).close();
            }
            return new Result(counts.accepted, counts.refused, counts.reasons, seconds, cpu / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Counts {
        int accepted;
        int refused;
        final Set<String> reasons = new TreeSet<>();

        void add(int status, String body) {
            if (status >= 200 && status < 300) {
                accepted++;
            } else {
                refused++;
                if (reasons.size() < 3) {
                    reasons.add(status + " " + body.replaceAll("\\s+", " "));
                }
            }
        }
    }

    /** One keep-alive connection and the answer being read on it. */
    private static final class Connection {
        private final SocketChannel channel;
        private final SelectionKey key;
        private ByteBuffer out;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private boolean closing;
        private String bodyStart = "";

        Connection(InetSocketAddress server, Selector selector) throws IOException {
            channel = SocketChannel.open(server);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            key = channel.register(selector, 0, this);
        }

        void send(Request request) throws IOException {
            out = ByteBuffer.wrap(request.wire());
            in.clear();
            write();
        }

        void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Reads what has arrived: the status once the whole answer is in, else 0. */
        int read() throws IOException {
            if (!in.hasRemaining()) {
                if (in.capacity() >= MAX_HEAD + MAX_BODY) {
                    throw new IOException("an answer larger than " + (MAX_HEAD + MAX_BODY) + " bytes");
                }
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            if (channel.read(in) < 0) {
                throw new IOException("the server closed the connection before answering");
            }
            return parse();
        }

        private int parse() throws IOException {
            byte[] bytes = in.array();
            int length = in.position();
            int headEnd = indexOf(bytes, length, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (headEnd < 0) {
                if (length > MAX_HEAD) {
                    throw new IOException("an answer head larger than " + MAX_HEAD + " bytes");
                }
                return 0;
            }
            String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
            long contentLength = -1;
            boolean chunked = false;
            closing = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> closing = value.contains("close");
                    default -> {}
                }
            }
            int bodyFrom = headEnd + 4;
            int bodyEnd;
            if (chunked) {
                bodyEnd = chunkedEnd(bytes, bodyFrom, length);
                if (bodyEnd < 0) {
                    return 0;
                }
            } else if (contentLength >= 0) {
                if (length - bodyFrom < contentLength) {
                    return 0;
                }
                bodyEnd = (int) (bodyFrom + contentLength);
            } else {
                throw new IOException("an answer without Content-Length or chunked encoding");
            }
            if (bodyEnd != length) {
                throw new IOException("the server sent more than one answer to one request");
            }
            bodyStart = status >= 200 && status < 300
                    ? ""
                    : new String(bytes, bodyFrom, Math.min(200, bodyEnd - bodyFrom), StandardCharsets.UTF_8);
            in.clear();
            return status;
        }

        /** Where a complete chunked body that starts at {@code from} ends, or -1 if it has not all arrived. */
        private static int chunkedEnd(byte[] bytes, int from, int length) {
            int i = from;
            while (true) {
                int lineEnd = indexOf(bytes, i, length, (byte) '\r');
                if (lineEnd < 0 || lineEnd + 1 >= length) {
                    return -1;
                }
                String size = new String(bytes, i, lineEnd - i, StandardCharsets.ISO_8859_1);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                i = lineEnd + 2;
                if (n == 0) {
                    // No trailers from these servers: the last chunk is followed by one empty line.
                    return length >= i + 2 ? i + 2 : -1;
                }
                i += n + 2;
                if (i > length) {
                    return -1;
                }
            }
        }

        boolean closing() {
            return closing;
        }

        String bodyStart() {
            return bodyStart;
        }

        void close() {
            key.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                // closing: nothing to do
            }
        }

        private static int indexOf(byte[] bytes, int length, byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (bytes[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private static int indexOf(byte[] bytes, int from, int length, byte b) {
            for (int i = from; i < length; i++) {
                if (bytes[i] == b) {
                    return i;
                }
            }
            return -1;
        }
    }
}
