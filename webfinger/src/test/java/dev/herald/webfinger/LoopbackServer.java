package dev.herald.webfinger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A fake remote server on 127.0.0.1 with routes per path; records every request it receives. */
final class LoopbackServer implements AutoCloseable {
    /** Handles one exchange. */
    @FunctionalInterface
    interface Route {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A request as the server saw it. */
    record Seen(String method, String path, String rawQuery, String accept, String userAgent) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Slow routes wait on this; {@link #close()} releases it. */
    final CountDownLatch release = new CountDownLatch(1);

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::dispatch);
        server.start();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        seen.add(new Seen(
                exchange.getRequestMethod(),
                uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                exchange.getRequestHeaders().getFirst("Accept"),
                exchange.getRequestHeaders().getFirst("User-Agent")));
        Route route = routes.get(uri.getRawPath());
        try (exchange) {
            if (route == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                route.handle(exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (a cap or a deadline on its side): nothing more to send.
        }
    }

    LoopbackServer route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /** Serves the WebFinger paths with a real {@link WebFingerServer}. */
    LoopbackServer serve(WebFingerServer webFinger) {
        Route adapter = exchange -> {
            URI uri = exchange.getRequestURI();
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            WebFingerRequest request = new WebFingerRequest(
                    exchange.getRequestMethod(),
                    uri.getRawPath(),
                    uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                    accept == null ? "" : accept);
            WebFingerResponse response = webFinger.handle(request).orElseThrow();
            response.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        };
        route(WebFingerServer.WEBFINGER_PATH, adapter);
        route(WebFingerServer.HOST_META_PATH, adapter);
        return route(WebFingerServer.HOST_META_JSON_PATH, adapter);
    }

    static Route respond(int status, String contentType, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        };
    }

    static Route jrd(String json) {
        return respond(200, "application/jrd+json; charset=utf-8", json);
    }

    static Route redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
        };
    }

    /** Headers, then a body that never finishes until the server closes. */
    Route stallingBody(int declaredLength, int sent) {
        return exchange -> {
            exchange.sendResponseHeaders(200, declaredLength);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[sent]);
            out.flush();
            release.await();
        };
    }

    /** No answer at all until the server closes. */
    Route stallingHeaders() {
        return exchange -> release.await();
    }

    String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return "http://" + authority() + path;
    }

    List<Seen> requests() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
