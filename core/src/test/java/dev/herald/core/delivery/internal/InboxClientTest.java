package dev.herald.core.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.delivery.SelfSignedTls;
import dev.herald.webfinger.NetworkPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link InboxClient} against a scripted HTTP/1.1 server on loopback: framing, keep-alive, limits, TLS. */
class InboxClientTest {
    private static final byte[] BODY = "{\"type\":\"Like\"}".getBytes(StandardCharsets.UTF_8);
    private static final List<Map.Entry<String, String>> HEADERS =
            List.of(Map.entry("Content-Type", "application/activity+json"), Map.entry("Signature", "keyId=\"k\""));

    /** What the server does with one request on a connection: returns false to close the connection. */
    interface Script {
        boolean answer(String head, byte[] body, OutputStream out, int requestOnConnection) throws IOException;
    }

    private static final NetworkPolicy LOOPBACK_ALLOWED = NetworkPolicy.allowPrivateNetwork();

    private final List<Server> servers = new CopyOnWriteArrayList<>();
    private InboxClient client = client(Duration.ofSeconds(2), 64 * 1024);

    @AfterEach
    void close() throws IOException {
        client.close();
        for (Server s : servers) {
            s.close();
        }
    }

    private static InboxClient client(Duration connect, int maxBytes) {
        try {
            return new InboxClient(
                    connect,
                    Duration.ofSeconds(30),
                    maxBytes,
                    "Herald-test",
                    SSLContext.getDefault(),
                    LOOPBACK_ALLOWED);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client that trusts {@code tls}'s certificate only. */
    private static InboxClient trusting(SelfSignedTls tls) throws Exception {
        return new InboxClient(
                Duration.ofSeconds(2), Duration.ofSeconds(30), 1000, "Herald-test", tls.trusting(), LOOPBACK_ALLOWED);
    }

    @Test
    void postsTheRequestAsSignedAndReadsTheAnswer() throws IOException {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok");
            return true;
        });

        InboxClient.Response r = client.post(s.uri("/users/a/inbox?x=1"), HEADERS, BODY, Duration.ofSeconds(5));

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.bodyStart()).isEqualTo("ok");
        String head = s.heads.get(0);
        assertThat(head)
                .startsWith("POST /users/a/inbox?x=1 HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:" + s.port() + "\r\n")
                .contains("\r\nContent-Length: " + BODY.length + "\r\n")
                .contains("\r\nUser-Agent: Herald-test\r\n")
                .contains("\r\nSignature: keyId=\"k\"\r\n");
        assertThat(s.bodies.get(0)).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws IOException {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            return true;
        });

        for (int i = 0; i < 5; i++) {
            assertThat(client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5))
                            .status())
                    .isEqualTo(202);
        }

        assertThat(s.connections.get()).isEqualTo(1);
        assertThat(s.heads).hasSize(5);
    }

    @Test
    void readsChunkedBodiesToTheirEndAndReusesTheConnection() throws IOException {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            write(
                    out,
                    "HTTP/1.1 500 Oops\r\nTransfer-Encoding: chunked\r\nRetry-After: 120\r\n\r\n"
                            + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
            return true;
        });

        InboxClient.Response first = client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5));
        InboxClient.Response second = client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5));

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.bodyStart()).isEqualTo("hello world");
        assertThat(first.retryAfter()).contains("120");
        assertThat(second.bodyStart()).isEqualTo("hello world");
        assertThat(s.connections.get()).isEqualTo(1);
    }

    @Test
    void skipsInterimResponsesAndHonoursConnectionClose() throws IOException {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            write(
                    out,
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nConnection: close\r\n"
                            + "Content-Length: 0\r\n\r\n");
            return false;
        });

        assertThat(client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5))
                        .status())
                .isEqualTo(201);
        assertThat(client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5))
                        .status())
                .isEqualTo(201);
        assertThat(s.connections.get()).isEqualTo(2);
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void aBodyWithoutLengthIsReadUpToTheCapAndTheConnectionClosed() throws IOException {
        client.close();
        client = client(Duration.ofSeconds(2), 1000);
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            write(out, "HTTP/1.0 200 OK\r\n\r\n" + "x".repeat(5000));
            return false;
        });

        InboxClient.Response r = client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyStart()).hasSize(InboxClient.KEPT);
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void aLongBodyIsNotReadPastTheCapAndItsConnectionIsNotReused() throws IOException {
        client.close();
        client = client(Duration.ofSeconds(2), 1000);
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            write(out, "HTTP/1.1 400 Bad\r\nContent-Length: 100000\r\n\r\n" + "y".repeat(100_000));
            return true;
        });

        assertThat(client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5))
                        .status())
                .isEqualTo(400);
        assertThat(client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5))
                        .status())
                .isEqualTo(400);
        assertThat(s.connections.get()).isEqualTo(2);
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedOnce() throws IOException {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            return false; // closes after answering, without saying so
        });

        assertThat(client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5))
                        .status())
                .isEqualTo(202);
        assertThat(client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5))
                        .status())
                .isEqualTo(202);
        assertThat(s.heads).hasSize(2);
    }

    @Test
    void aServerThatTricklesIsCutOffAtTheDeadline() throws IOException {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            String answer = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";
            for (char c : answer.toCharArray()) {
                out.write(c);
                out.flush();
                sleep(100);
            }
            return false;
        });

        assertThatThrownBy(() -> client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofMillis(700)))
                .isInstanceOf(InboxClient.Timeout.class);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            sleep(3000);
            return false;
        });

        assertThatThrownBy(() -> client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofMillis(300)))
                .isInstanceOf(InboxClient.Timeout.class);
    }

    @Test
    void garbageIsAnErrorNotAStatus() throws IOException {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            write(out, "SSH-2.0-OpenSSH\r\n\r\n");
            return false;
        });

        assertThatThrownBy(() -> client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP/1.x response");
    }

    @Test
    void headersThatWouldSplitTheRequestAreRefused() {
        List<Map.Entry<String, String>> injected = List.of(Map.entry("X-A", "1\r\nX-B: 2"));
        assertThatThrownBy(() ->
                        client.post(URI.create("http://127.0.0.1:1/inbox"), injected, BODY, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingFailsRequestsInFlightAtOnce() throws Exception {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            sleep(10_000);
            return false;
        });
        AtomicInteger failed = new AtomicInteger();
        Thread t = new Thread(() -> {
            try {
                client.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(30));
            } catch (IOException e) {
                failed.incrementAndGet();
            }
        });
        t.start();
        while (s.heads.isEmpty()) {
            Thread.sleep(10);
        }
        client.close();
        t.join(5000);

        assertThat(t.isAlive()).isFalse();
        assertThat(failed).hasValue(1);
    }

    @Test
    void httpsVerifiesTheCertificateAndTheHostName() throws Exception {
        SelfSignedTls localhost = SelfSignedTls.forNames("dns:localhost");
        Server s = serve(localhost.serverContext().getServerSocketFactory(), (head, body, out, n) -> {
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            return true;
        });
        URI uri = URI.create("https://localhost:" + s.port() + "/inbox");

        // The JVM's trust store does not know the certificate.
        assertThatThrownBy(() -> client.post(uri, HEADERS, BODY, Duration.ofSeconds(5)))
                .isInstanceOf(SSLHandshakeException.class);

        InboxClient trusting = trusting(localhost);
        try {
            assertThat(trusting.post(uri, HEADERS, BODY, Duration.ofSeconds(5)).status())
                    .isEqualTo(202);
            assertThat(s.heads.get(0)).contains("\r\nHost: localhost:" + s.port() + "\r\n");
            // Same server, trusted certificate, but a name the certificate does not carry.
            URI byAddress = URI.create("https://127.0.0.1:" + s.port() + "/inbox");
            assertThatThrownBy(() -> trusting.post(byAddress, HEADERS, BODY, Duration.ofSeconds(5)))
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            trusting.close();
        }
    }

    @Test
    void httpsKeepsItsConnectionAliveAcrossRequests() throws Exception {
        SelfSignedTls localhost = SelfSignedTls.forNames("dns:localhost");
        Server s = serve(localhost.serverContext().getServerSocketFactory(), (head, body, out, n) -> {
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 3\r\n\r\n#" + n + "!");
            return true;
        });
        URI uri = URI.create("https://localhost:" + s.port() + "/inbox");
        InboxClient trusting = trusting(localhost);
        try {
            for (int i = 0; i < 4; i++) {
                InboxClient.Response r = trusting.post(uri, HEADERS, BODY, Duration.ofSeconds(5));
                assertThat(r.status()).isEqualTo(202);
                assertThat(r.bodyStart()).isEqualTo("#" + i + "!");
            }
        } finally {
            trusting.close();
        }
        assertThat(s.connections.get()).isEqualTo(1);
        assertThat(s.bodies).hasSize(4).allMatch(b -> b.equals(new String(BODY, StandardCharsets.UTF_8)));
    }

    @Test
    void aBodyLargerThanTheSocketBuffersIsWrittenWholeOverHttpAndHttps() throws Exception {
        // 12 MiB: more than the kernel takes at once (tcp_wmem allows 4 MiB here), so the rest waits for the socket to
        // drain; over TLS it also
        // spans many records.
        byte[] big = new byte[12 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        String expected = new String(big, StandardCharsets.UTF_8);
        Script slowReader = (head, body, out, n) -> {
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            return true;
        };
        Server plain = serve(ServerSocketFactory.getDefault(), slowReader);
        assertThat(client.post(plain.uri("/inbox"), HEADERS, big, Duration.ofSeconds(20))
                        .status())
                .isEqualTo(202);
        assertThat(plain.bodies).containsExactly(expected);

        SelfSignedTls localhost = SelfSignedTls.forNames("dns:localhost");
        Server tls = serve(localhost.serverContext().getServerSocketFactory(), slowReader);
        InboxClient trusting = trusting(localhost);
        try {
            URI uri = URI.create("https://localhost:" + tls.port() + "/inbox");
            assertThat(trusting.post(uri, HEADERS, big, Duration.ofSeconds(20)).status())
                    .isEqualTo(202);
            // and the connection is still good for a small one
            assertThat(trusting.post(uri, HEADERS, BODY, Duration.ofSeconds(5)).status())
                    .isEqualTo(202);
        } finally {
            trusting.close();
        }
        assertThat(tls.bodies).hasSize(2);
        assertThat(tls.bodies.get(0)).isEqualTo(expected);
        assertThat(tls.connections.get()).isEqualTo(1);
    }

    @Test
    void manyRequestsInFlightEachGetTheirOwnAnswerOnce() throws Exception {
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            String path = head.substring(5, head.indexOf(' ', 5));
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: " + path.length() + "\r\n\r\n" + path);
            return true;
        });
        // 300 new connections at once to one thread-per-connection server: a connect timeout that allows a SYN resent
        // after the accept queue overflowed (1 s, then 3 s), as a loaded machine may need.
        client.close();
        client = client(Duration.ofSeconds(10), 64 * 1024);
        int requests = 300;
        java.util.Map<String, String> answers = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger callbacks = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<String> errorTexts = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(requests);
        Thread[] senders = new Thread[3];
        for (int t = 0; t < senders.length; t++) {
            int first = t;
            senders[t] = new Thread(() -> {
                for (int i = first; i < requests; i += senders.length) {
                    String path = "/users/u" + i + "/inbox";
                    client.send(s.uri(path), HEADERS, BODY, Duration.ofSeconds(10), (r, e) -> {
                        callbacks.incrementAndGet();
                        if (e != null) {
                            errors.incrementAndGet();
                            errorTexts.add(e.toString());
                        } else {
                            answers.put(path, r.bodyStart());
                        }
                        done.countDown();
                    });
                }
            });
            senders[t].start();
        }
        for (Thread t : senders) {
            t.join();
        }

        assertThat(done.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50); // a second callback for any request would come now
        assertThat(errors).as("errors: %s", errorTexts).hasValue(0);
        assertThat(callbacks).hasValue(requests);
        assertThat(answers).hasSize(requests).allSatisfy((path, body) -> assertThat(body)
                .isEqualTo(path));
        assertThat(s.heads).hasSize(requests);
    }

    @Test
    void anAnswerThatComesAfterTheCallerStoppedSendingIsStillRead() throws Exception {
        // Nobody sends after this request, so the client's own selector thread must pick the answer up.
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            sleep(300);
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            return true;
        });
        java.util.concurrent.CompletableFuture<Integer> status = new java.util.concurrent.CompletableFuture<>();
        client.send(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5), (r, e) -> {
            if (e != null) {
                status.completeExceptionally(e);
            } else {
                status.complete(r.status());
            }
        });

        assertThat(status.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(202);
    }

    @Test
    void aRefusedConnectionIsAnErrorNotAStatus() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/inbox");

        assertThatThrownBy(() -> client.post(nobody, HEADERS, BODY, Duration.ofSeconds(5)))
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void theAddressConnectedToMustPassTheNetworkPolicy() throws IOException {
        // What a DNS rebinding attack leaves once the URL itself was allowed: a connection about to go to loopback.
        Server s = serve(ServerSocketFactory.getDefault(), (head, body, out, n) -> {
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            return true;
        });
        InboxClient guarded;
        try {
            guarded = new InboxClient(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(30),
                    1000,
                    "Herald-test",
                    SSLContext.getDefault(),
                    NetworkPolicy.publicOnly());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            assertThatThrownBy(() -> guarded.post(s.uri("/inbox"), HEADERS, BODY, Duration.ofSeconds(5)))
                    .isInstanceOf(NetworkPolicy.Refused.class)
                    .hasMessageContaining("resolved to 127.0.0.1 when connecting");
        } finally {
            guarded.close();
        }
        assertThat(s.connections.get()).isZero();
    }

    @Test
    void sendingAfterCloseFailsAtOnce() {
        client.close();

        assertThatThrownBy(
                        () -> client.post(URI.create("http://127.0.0.1:1/inbox"), HEADERS, BODY, Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void hostHeaderOmitsDefaultPortsAndBracketsIpv6() {
        assertThat(InboxClient.hostHeader(URI.create("https://a.example/i"))).isEqualTo("a.example");
        assertThat(InboxClient.hostHeader(URI.create("https://a.example:443/i")))
                .isEqualTo("a.example");
        assertThat(InboxClient.hostHeader(URI.create("http://a.example:80/i"))).isEqualTo("a.example");
        assertThat(InboxClient.hostHeader(URI.create("http://a.example:8080/i")))
                .isEqualTo("a.example:8080");
        assertThat(InboxClient.hostHeader(URI.create("http://[::1]:8080/i"))).isEqualTo("[::1]:8080");
    }

    // ---- the scripted server ----

    private Server serve(ServerSocketFactory factory, Script script) throws IOException {
        Server s = new Server(factory.createServerSocket(0, 512, InetAddress.getLoopbackAddress()), script);
        servers.add(s);
        return s;
    }

    private static final class Server implements AutoCloseable {
        final ServerSocket socket;
        final Script script;
        final List<String> heads = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        Server(ServerSocket socket, Script script) {
            this.socket = socket;
            this.script = script;
            Thread t = new Thread(this::acceptLoop, "scripted-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port() + path);
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    accepted.add(c);
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> handle(c), "scripted-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void handle(Socket c) {
            try (c;
                    InputStream in = c.getInputStream();
                    OutputStream out = c.getOutputStream()) {
                for (int n = 0; ; n++) {
                    String head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    int at = head.toLowerCase().indexOf("content-length: ");
                    int length = Integer.parseInt(head.substring(at + 16, head.indexOf('\r', at)));
                    byte[] body = in.readNBytes(length);
                    heads.add(head);
                    bodies.add(new String(body, StandardCharsets.UTF_8));
                    if (!script.answer(head, body, out, n)) {
                        return;
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            for (int b; (b = in.read()) >= 0; ) {
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1
                        : 0;
                if (matched == 4) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket c : accepted) {
                c.close();
            }
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
