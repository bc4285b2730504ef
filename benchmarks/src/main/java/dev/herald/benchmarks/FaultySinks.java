package dev.herald.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remote servers for {@link FaultyPeersBenchmark}, one per loopback address ({@code 127.0.2.2} onwards), each behaving
 * as its {@link Mode} says: a healthy 202, a 500, a 410, a flaky 500 on every third request, or — on a raw {@link ServerSocket}, since an HTTP server
 * would not misbehave this way — hanging without an answer, resetting the connection (RST) after reading the
 * request, or trickling the answer a byte every {@value #TRICKLE_MILLIS} ms. Each host records when every request
 * to each inbox path arrived. Thread-safe.
 */
final class FaultySinks implements AutoCloseable {
    static final long TRICKLE_MILLIS = 500;

    /** How a host answers. */
    enum Mode {
        HEALTHY,
        ERROR_500,
        HANG,
        RESET,
        TRICKLE,
        FLAKY,
        GONE_410;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace("error_", "").replace("gone_", "");
        }
    }

    /** One host: its mode, its address, and the arrival times ({@link System#nanoTime()}) per inbox path. */
    static final class Host {
        final Mode mode;
        final URI base;
        final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
        final AtomicLong requests = new AtomicLong();

        Host(Mode mode, URI base) {
            this.mode = mode;
            this.base = base;
        }

        String name() {
            return base.getHost();
        }

        /** Records a request; returns how many the host has had, this one included. */
        long arrived(String path) {
            arrivals.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
            return requests.incrementAndGet();
        }
    }

    private final List<Host> hosts = new ArrayList<>();
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ServerSocket> raw = new ArrayList<>();
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(8);
    private final ExecutorService rawThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-sink");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closing = new CountDownLatch(1);

    /** One host per mode in {@code modes}, in that order. */
    static FaultySinks start(List<Mode> modes) throws IOException {
        FaultySinks sinks = new FaultySinks();
        for (int i = 0; i < modes.size(); i++) {
            int n = i + 2;
            InetAddress address = InetAddress.getByName("127.0." + (2 + n / 250) + "." + (n % 250 + 2));
            sinks.add(modes.get(i), address);
        }
        return sinks;
    }

    List<Host> hosts() {
        return hosts;
    }

    private void add(Mode mode, InetAddress address) throws IOException {
        switch (mode) {
            case HEALTHY, ERROR_500, GONE_410, FLAKY -> {
                HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 500);
                Host host = new Host(mode, base(server.getAddress()));
                server.setExecutor(httpThreads);
                server.createContext("/", exchange -> answer(host, exchange));
                server.start();
                servers.add(server);
                hosts.add(host);
            }
            case HANG, RESET, TRICKLE -> {
                ServerSocket socket = new ServerSocket(0, 500, address);
                Host host = new Host(mode, base((InetSocketAddress) socket.getLocalSocketAddress()));
                raw.add(socket);
                hosts.add(host);
                rawThreads.execute(() -> acceptLoop(host, socket));
            }
        }
    }

    private static URI base(InetSocketAddress a) {
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    private static void answer(Host host, HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            long n = host.arrived(exchange.getRequestURI().getRawPath());
            int status =
                    switch (host.mode) {
                        case ERROR_500 -> 500;
                        case GONE_410 -> 410;
                        case FLAKY -> n % 3 == 0 ? 500 : 202;
                        default -> 202;
                    };
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private void acceptLoop(Host host, ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                rawThreads.execute(() -> misbehave(host, s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void misbehave(Host host, Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            // One request per connection is enough: each answer ends the connection one way or another.
            String path = readRequest(in);
            if (path == null) {
                return;
            }
            host.arrived(path);
            switch (host.mode) {
                case HANG -> closing.await(10, TimeUnit.MINUTES);
                case RESET -> s.setSoLinger(true, 0); // close() now sends an RST
                case TRICKLE -> {
                    OutputStream out = s.getOutputStream();
                    byte[] answer = ("HTTP/1.1 202 Accepted\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                                    + "Connection: close\r\n\r\nok")
                            .getBytes(StandardCharsets.US_ASCII);
                    for (byte b : answer) {
                        out.write(b);
                        out.flush();
                        if (closing.await(TRICKLE_MILLIS, TimeUnit.MILLISECONDS)) {
                            return;
                        }
                    }
                }
                default -> throw new IllegalStateException(host.mode.name());
            }
        } catch (IOException e) {
            // The client gave up: expected for hang and trickle.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one HTTP/1.1 request (headers, then Content-Length bytes); returns its path, null at end of stream. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        long length = 0;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                length = Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        in.readNBytes((int) length);
        String[] requestLine = lines[0].split(" ");
        return requestLine.length > 1 ? URI.create(requestLine[1]).getRawPath() : "/";
    }

    @Override
    public void close() {
        closing.countDown();
        for (HttpServer server : servers) {
            server.stop(0);
        }
        for (ServerSocket s : raw) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        httpThreads.shutdownNow();
        rawThreads.shutdownNow();
    }
}
