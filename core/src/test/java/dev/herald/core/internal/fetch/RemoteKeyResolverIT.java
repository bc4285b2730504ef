package dev.herald.core.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.TestFederations;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.PublicKey;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.Pem;
import dev.herald.signatures.SigningKey;
import dev.herald.signatures.VerificationKey;
import dev.herald.webfinger.NetworkPolicy;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stop-gap key resolver against a fake remote server on 127.0.0.1. */
class RemoteKeyResolverIT {
    private static final String PEM = Pem.write(TestFederations.keys().getPublic());
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static final List<String> signatures = new CopyOnWriteArrayList<>();

    private static Server server;
    private static String base;

    private RemoteKeyResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new Remote()), "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @BeforeEach
    void resolver() {
        requests.clear();
        signatures.clear();
        resolver = resolver(NetworkPolicy.allowPrivateNetwork());
    }

    private static RemoteKeyResolver resolver(NetworkPolicy policy) {
        SigningKey ours = SigningKey.of(
                "https://www.example.org/ap/actor#main-key",
                TestFederations.keys().getPrivate());
        return new RemoteKeyResolver(policy, () -> ours, Clock.systemUTC(), Duration.ofHours(1), "herald-test");
    }

    @Test
    void readsTheKeyFromTheActorDocumentWithASignedGet() {
        VerificationKey key = resolver.resolve(base + "/users/a#main-key").orElseThrow();
        assertThat(key.key()).isEqualTo(TestFederations.keys().getPublic());
        assertThat(key.owner()).contains(URI.create(base + "/users/a"));
        assertThat(signatures)
                .singleElement()
                .asString()
                .contains("keyId=\"https://www.example.org/ap/actor#main-key\"");
    }

    @Test
    void cachesTheKeyAndRefreshFetchesAgain() {
        resolver.resolve(base + "/users/a#main-key");
        resolver.resolve(base + "/users/a#main-key");
        assertThat(requests).containsExactly("/users/a");
        resolver.refresh(base + "/users/a#main-key");
        assertThat(requests).containsExactly("/users/a", "/users/a");
    }

    @Test
    void readsAStandAloneKeyDocument() {
        VerificationKey key = resolver.resolve(base + "/keys/k").orElseThrow();
        assertThat(key.owner()).contains(URI.create(base + "/users/a"));
    }

    @Test
    void followsAFewRedirects() {
        assertThat(resolver.resolve(base + "/old#main-key")).isPresent();
        assertThat(requests).containsExactly("/old", "/new");
        assertThatThrownBy(() -> resolver.resolve(base + "/loop#main-key"))
                .isInstanceOf(KeyResolver.KeyResolutionException.class)
                .hasMessageContaining("redirected more than 3 times");
    }

    @Test
    void aMissingOrForeignKeyIsUnknown() {
        assertThat(resolver.resolve(base + "/gone#main-key")).isEmpty();
        assertThat(resolver.resolve(base + "/users/a#other-key")).isEmpty();
        assertThat(resolver.resolve(base + "/keys/foreign")).isEmpty();
        assertThat(resolver.resolve("not a uri")).isEmpty();
    }

    @Test
    void failuresSayWhatHappened() {
        assertThatThrownBy(() -> resolver.resolve(base + "/error#main-key"))
                .isInstanceOf(KeyResolver.KeyResolutionException.class)
                .hasMessageContaining("HTTP 500");
        assertThatThrownBy(() -> resolver.resolve(base + "/huge#main-key")).hasMessageContaining("larger than 1 MiB");
        assertThatThrownBy(() -> resolver.resolve(base + "/html#main-key")).hasMessageContaining("unreadable");
    }

    @Test
    void theNetworkPolicyIsAskedFirst() {
        assertThatThrownBy(() -> resolver(NetworkPolicy.publicOnly()).resolve(base + "/users/a#main-key"))
                .isInstanceOf(KeyResolver.KeyResolutionException.class)
                .hasMessageContaining("refused");
        assertThat(requests).isEmpty();
    }

    private static String actor(String id) {
        Actor actor = Actor.builder(URI.create(id), ActorType.PERSON, URI.create(id + "/inbox"))
                .preferredUsername("a")
                .addPublicKey(new PublicKey(URI.create(id + "#main-key"), URI.create(id), PEM))
                .build();
        return DocumentWriter.create().write(actor);
    }

    /** A remote server: actors, a key document, redirects, errors. */
    private static final class Remote extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getRequestURI();
            requests.add(path);
            Optional.ofNullable(request.getHeader("Signature")).ifPresent(signatures::add);
            switch (path) {
                case "/users/a" -> send(response, 200, actor(base + "/users/a"));
                case "/old" -> redirect(response, "/new");
                case "/new" -> send(response, 200, actor(base + "/old"));
                case "/loop" -> redirect(response, "/loop");
                case "/keys/k" ->
                    send(
                            response,
                            200,
                            DocumentWriter.create()
                                    .write(new PublicKey(
                                            URI.create(base + "/keys/k"), URI.create(base + "/users/a"), PEM)));
                case "/keys/foreign" ->
                    send(
                            response,
                            200,
                            DocumentWriter.create()
                                    .write(new PublicKey(
                                            URI.create(base + "/keys/foreign"),
                                            URI.create("https://elsewhere.example/users/x"),
                                            PEM)));
                case "/gone" -> send(response, 410, "{}");
                case "/huge" -> send(response, 200, "{\"a\":\"" + "x".repeat(1 << 20) + "\"}");
                case "/html" -> send(response, 200, "<html>not json</html>");
                default -> send(response, 500, "{}");
            }
        }

        private static void redirect(HttpServletResponse response, String location) {
            response.setStatus(302);
            response.setHeader("Location", location);
        }

        private static void send(HttpServletResponse response, int status, String body) throws IOException {
            response.setStatus(status);
            response.setContentType("application/activity+json");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
