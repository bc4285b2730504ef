package dev.herald.webfinger;

import static dev.herald.webfinger.LoopbackServer.jrd;
import static dev.herald.webfinger.LoopbackServer.redirect;
import static dev.herald.webfinger.LoopbackServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against fake remote servers on 127.0.0.1 (allowed here by the private-network policy). */
class WebFingerClientIT {
    private LoopbackServer remote;
    private final List<URI> checked = new CopyOnWriteArrayList<>();
    private static final NetworkPolicy LOCAL = NetworkPolicy.allowPrivateNetwork();
    // Records every check, and keeps these tests on loopback whatever a fake server answers.
    private final NetworkPolicy recordingLocalPolicy = uri -> {
        checked.add(uri);
        if (!"127.0.0.1".equals(uri.getHost())) {
            throw new NetworkPolicy.Refused(uri, "tests stay on 127.0.0.1");
        }
        LOCAL.check(uri);
    };

    @BeforeEach
    void start() throws IOException {
        remote = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        remote.close();
    }

    private WebFingerClient.Builder local() {
        return WebFingerClient.builder()
                .networkPolicy(recordingLocalPolicy)
                .scheme("http")
                .requestTimeout(Duration.ofSeconds(5));
    }

    private WebFingerClient client() {
        return local().build();
    }

    private String handle() {
        return "@org@" + remote.authority();
    }

    private String someJrd() {
        return "{\"subject\":\"acct:org@" + remote.authority() + "\",\"links\":[{\"rel\":\"self\","
                + "\"type\":\"application/activity+json\",\"href\":\"" + remote.url("/actor") + "\"}]}";
    }

    private WebFingerServer ourServerFor(LoopbackServer handleHost, LoopbackServer actorHost) {
        URI actor = URI.create(actorHost.url("/actor"));
        return WebFingerServer.builder()
                .handleHost(handleHost.authority())
                .actorHost(actorHost.authority())
                .origin(URI.create("http://" + handleHost.authority()))
                .resolver(new TestSite(handleHost.authority(), actor, URI.create(actorHost.url("/@org"))))
                .build();
    }

    @Test
    void looksUpAHandleServedByOurOwnServer() throws Exception {
        remote.serve(ourServerFor(remote, remote));

        Jrd jrd = client().lookup(handle());

        assertThat(jrd.subject()).contains("acct:org@" + remote.authority());
        assertThat(client().lookupActor("acct:org@" + remote.authority())).contains(URI.create(remote.url("/actor")));
    }

    @Test
    void theLocalTestsSetupOfTheDocsTalksToLoopback() throws Exception {
        remote.serve(ourServerFor(remote, remote));
        WebFingerClient local = WebFingerClient.builder()
                .networkPolicy(NetworkPolicy.allowPrivateNetwork()) // logs a warning: never in production
                .scheme("http")
                .build();

        assertThat(local.lookupActor(handle())).contains(URI.create(remote.url("/actor")));
    }

    @Test
    void sendsThePercentEncodedResourceAndAcceptsJrd() throws Exception {
        remote.route(WebFingerServer.WEBFINGER_PATH, jrd(someJrd()));

        client().lookup(handle());

        LoopbackServer.Seen request = remote.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawQuery())
                .isEqualTo("resource=acct%3Aorg%40127.0.0.1%3A"
                        + remote.authority().split(":")[1]);
        assertThat(request.accept()).startsWith("application/jrd+json");
        assertThat(request.userAgent()).isEqualTo("herald-webfinger");
    }

    @Test
    void findsNoActorInAGnuSocialAnswer() throws Exception {
        remote.route(
                WebFingerServer.WEBFINGER_PATH,
                jrd(Vectors.read("webfinger/mastodon-spec-webfinger-gnusocial-quitter.json")));

        assertThat(client().lookup(handle()).subject()).contains("acct:gargron@quitter.no");
        assertThat(client().lookupActor(handle())).isEmpty();
    }

    @Test
    void resolveActorIsEmptyWhenTheConfirmedJrdHasNoActor() throws Exception {
        remote.route(
                WebFingerServer.WEBFINGER_PATH,
                jrd("{\"subject\":\"acct:org@" + remote.authority() + "\",\"links\":[{\"rel\":"
                        + "\"http://webfinger.net/rel/profile-page\",\"href\":\"" + remote.url("/@org") + "\"}]}"));

        assertThat(client().resolveActor(handle())).isEmpty();
        assertThat(remote.requests()).hasSize(1);
    }

    @Test
    void resolveActorDoesNotFollowASubjectToAHostThePolicyRefuses() {
        remote.route(
                WebFingerServer.WEBFINGER_PATH,
                jrd(Vectors.read("webfinger/mastodon-spec-webfinger-gnusocial-quitter.json")));

        assertThatThrownBy(() -> client().resolveActor(handle()))
                .isInstanceOf(WebFingerException.RefusedAddress.class)
                .hasMessageContaining("http://quitter.no/.well-known/webfinger");
    }

    @Test
    void followsThreeRedirectsCheckingEveryHop() throws Exception {
        remote.route(WebFingerServer.WEBFINGER_PATH, redirect(301, "/one?x=1"))
                .route("/one", redirect(302, remote.url("/two")))
                .route("/two", redirect(307, "three"))
                .route("/three", jrd(someJrd()));

        Jrd jrd = client().lookup(handle());

        assertThat(jrd.activityPubActor()).contains(URI.create(remote.url("/actor")));
        assertThat(checked)
                .extracting(URI::getPath)
                .containsExactly(WebFingerServer.WEBFINGER_PATH, "/one", "/two", "/three");
    }

    @Test
    void refusesAFourthRedirect() {
        remote.route(WebFingerServer.WEBFINGER_PATH, redirect(308, "/1"))
                .route("/1", redirect(308, "/2"))
                .route("/2", redirect(308, "/3"))
                .route("/3", redirect(308, "/4"))
                .route("/4", jrd(someJrd()));

        assertThatThrownBy(() -> client().lookup(handle()))
                .isInstanceOf(WebFingerException.TooManyRedirects.class)
                .hasMessage("more than 3 redirects; the last from " + remote.url("/3"));
        assertThat(remote.requests()).extracting(LoopbackServer.Seen::path).doesNotContain("/4");
    }

    @Test
    void refusesARedirectToTheCloudMetadataAddress() {
        NetworkPolicy publicOnly = NetworkPolicy.builder().allowHttp(true).build();
        NetworkPolicy onlyThisServerIsLocal = uri -> {
            if (!uri.getAuthority().equals(remote.authority())) {
                publicOnly.check(uri);
            }
        };
        remote.route(WebFingerServer.WEBFINGER_PATH, redirect(302, "http://169.254.169.254/latest/meta-data/"));

        assertThatThrownBy(() ->
                        local().networkPolicy(onlyThisServerIsLocal).build().lookup(handle()))
                .isInstanceOf(WebFingerException.RefusedAddress.class)
                .hasMessageContaining("refused to fetch http://169.254.169.254/latest/meta-data/")
                .hasMessageContaining("cloud metadata");
    }

    @Test
    void refusesALoopbackServerUnderThePublicOnlyPolicy() {
        remote.route(WebFingerServer.WEBFINGER_PATH, jrd(someJrd()));
        WebFingerClient publicOnly = local().networkPolicy(
                        NetworkPolicy.builder().allowHttp(true).build())
                .build();

        assertThatThrownBy(() -> publicOnly.lookup(handle()))
                .isInstanceOf(WebFingerException.RefusedAddress.class)
                .hasMessageContaining("127.0.0.1 is a loopback address (127/8)");
        assertThat(remote.requests()).isEmpty();
    }

    @Test
    void fallsBackToHostMetaOn404() throws Exception {
        String xrd = "<?xml version=\"1.0\"?><XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">"
                + "<Link rel=\"lrdd\" template=\"" + remote.url("/lrdd?format=json&amp;resource={uri}") + "\"/></XRD>";
        remote.route(WebFingerServer.WEBFINGER_PATH, respond(404, "text/plain", "no"))
                .route(WebFingerServer.HOST_META_PATH, respond(200, "application/xrd+xml", xrd))
                .route("/lrdd", jrd(someJrd()));

        Jrd jrd = client().lookup(handle());

        assertThat(jrd.activityPubActor()).contains(URI.create(remote.url("/actor")));
        assertThat(remote.requests())
                .extracting(LoopbackServer.Seen::path)
                .containsExactly(WebFingerServer.WEBFINGER_PATH, WebFingerServer.HOST_META_PATH, "/lrdd");
        assertThat(remote.requests().get(2).rawQuery())
                .isEqualTo("format=json&resource=acct%3Aorg%40127.0.0.1%3A"
                        + remote.authority().split(":")[1]);
    }

    @Test
    void fallsBackToHostMetaJsonWhenThereIsNoXrd() throws Exception {
        String json = "{\"links\":[{\"rel\":\"lrdd\",\"template\":\"/lrdd?resource={uri}\"}]}";
        remote.route(WebFingerServer.HOST_META_JSON_PATH, respond(200, "application/json", json))
                .route("/lrdd", jrd(someJrd()));

        assertThat(client().lookupActor(handle())).contains(URI.create(remote.url("/actor")));
        assertThat(remote.requests())
                .extracting(LoopbackServer.Seen::path)
                .containsExactly(
                        WebFingerServer.WEBFINGER_PATH,
                        WebFingerServer.HOST_META_PATH,
                        WebFingerServer.HOST_META_JSON_PATH,
                        "/lrdd");
    }

    @Test
    void reportsNotFoundWhenHostMetaHasNothingEither() {
        assertThatThrownBy(() -> client().lookup(handle()))
                .isInstanceOf(WebFingerException.NotFound.class)
                .hasMessageContaining("not found: " + remote.url(WebFingerServer.WEBFINGER_PATH))
                .hasMessageContaining("answered HTTP 404")
                .hasMessageContaining(
                        "host-meta fallback: " + remote.url(WebFingerServer.HOST_META_JSON_PATH) + " answered HTTP 404")
                .satisfies(e ->
                        assertThat(((WebFingerException.NotFound) e).isGone()).isFalse());
    }

    @Test
    void reportsNotFoundWhenHostMetaHasNoLrddTemplate() {
        remote.route(WebFingerServer.HOST_META_PATH, respond(200, "application/xrd+xml", "<XRD/>"));

        assertThatThrownBy(() -> client().lookup(handle()))
                .isInstanceOf(WebFingerException.NotFound.class)
                .hasMessageContaining("has no lrdd template");
    }

    @Test
    void reportsMalformedHostMetaAsInvalid() {
        remote.route(WebFingerServer.HOST_META_PATH, respond(200, "application/xrd+xml", "<XRD><Link"));

        assertThatThrownBy(() -> client().lookup(handle()))
                .isInstanceOf(WebFingerException.InvalidJrd.class)
                .hasMessageContaining(remote.url(WebFingerServer.HOST_META_PATH));
    }

    @Test
    void canSkipTheHostMetaFallback() {
        assertThatThrownBy(() -> local().hostMetaFallback(false).build().lookup(handle()))
                .isInstanceOf(WebFingerException.NotFound.class);
        assertThat(remote.requests()).hasSize(1);
    }

    @Test
    void anUnknownAccountOnOurOwnServerIsNotFoundAfterItsHostMetaToo() {
        remote.serve(ourServerFor(remote, remote));

        assertThatThrownBy(() -> client().lookup("@nobody@" + remote.authority()))
                .isInstanceOf(WebFingerException.NotFound.class)
                .hasMessageContaining("found through host-meta");
        assertThat(remote.requests())
                .extracting(LoopbackServer.Seen::path)
                .containsExactly(
                        WebFingerServer.WEBFINGER_PATH, WebFingerServer.HOST_META_PATH, WebFingerServer.WEBFINGER_PATH);
    }

    @Test
    void reportsGoneFor410() {
        remote.route(WebFingerServer.WEBFINGER_PATH, respond(410, "text/plain", "gone"));

        assertThatThrownBy(() -> client().lookup(handle()))
                .isInstanceOf(WebFingerException.NotFound.class)
                .satisfies(e ->
                        assertThat(((WebFingerException.NotFound) e).isGone()).isTrue());
        assertThat(remote.requests()).hasSize(1);
    }

    @Test
    void reportsOtherStatusesAsUnexpected() {
        remote.route(WebFingerServer.WEBFINGER_PATH, respond(500, "text/plain", "oops"));

        assertThatThrownBy(() -> client().lookup(handle()))
                .isInstanceOf(WebFingerException.UnexpectedStatus.class)
                .hasMessageEndingWith("answered HTTP 500");
    }

    @Test
    void reportsHtmlAsAnInvalidJrdNamingTheUrl() {
        remote.route(WebFingerServer.WEBFINGER_PATH, respond(200, "text/html", "<html>hello</html>"));

        assertThatThrownBy(() -> client().lookup(handle()))
                .isInstanceOf(WebFingerException.InvalidJrd.class)
                .hasMessageStartingWith("invalid JRD from " + remote.url(WebFingerServer.WEBFINGER_PATH));
    }

    @Test
    void stopsReadingABodyDeclaredLargerThanTheCap() {
        remote.route(WebFingerServer.WEBFINGER_PATH, remote.stallingBody(1024 * 1024, 10));

        assertThatThrownBy(() -> local().maxResponseBytes(1024).build().lookup(handle()))
                .isInstanceOf(WebFingerException.TooLarge.class)
                .hasMessageContaining("is larger than 1024 bytes");
    }

    @Test
    void stopsReadingAChunkedBodyPastTheCap() {
        remote.route(WebFingerServer.WEBFINGER_PATH, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 10_000; i++) {
                out.write(chunk);
            }
        });

        assertThatThrownBy(() -> local().maxResponseBytes(4096).build().lookup(handle()))
                .isInstanceOf(WebFingerException.TooLarge.class);
    }

    @Test
    void acceptsABodyExactlyAtTheCap() throws Exception {
        String body = someJrd();
        remote.route(WebFingerServer.WEBFINGER_PATH, jrd(body));

        assertThat(local().maxResponseBytes(body.length())
                        .build()
                        .lookup(handle())
                        .subject())
                .isPresent();
    }

    @Test
    void timesOutWaitingForHeaders() {
        remote.route(WebFingerServer.WEBFINGER_PATH, remote.stallingHeaders());
        long start = System.nanoTime();

        assertThatThrownBy(() ->
                        local().requestTimeout(Duration.ofMillis(300)).build().lookup(handle()))
                .isInstanceOf(WebFingerException.Timeout.class)
                .hasMessageContaining("timed out after 300 ms fetching " + remote.url(WebFingerServer.WEBFINGER_PATH));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void timesOutWhenTheBodyStalls() {
        remote.route(WebFingerServer.WEBFINGER_PATH, remote.stallingBody(1000, 10));
        long start = System.nanoTime();

        assertThatThrownBy(() ->
                        local().requestTimeout(Duration.ofMillis(300)).build().lookup(handle()))
                .isInstanceOf(WebFingerException.Timeout.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void reportsARefusedConnectionAsATransportError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> client().lookup("@org@127.0.0.1:" + closedPort))
                .isInstanceOf(WebFingerException.Transport.class)
                .hasMessageStartingWith("could not fetch http://127.0.0.1:" + closedPort + "/.well-known/webfinger");
    }

    @Test
    void resolveActorFollowsOneSubjectRedirect() throws Exception {
        try (LoopbackServer canonical = new LoopbackServer()) {
            String subject = "acct:foo@" + canonical.authority();
            String actor = canonical.url("/users/foo");
            String jrdJson = "{\"subject\":\"" + subject + "\",\"links\":[{\"rel\":\"self\",\"type\":"
                    + "\"application/activity+json\",\"href\":\"" + actor + "\"}]}";
            remote.route(WebFingerServer.WEBFINGER_PATH, jrd(jrdJson));
            canonical.route(WebFingerServer.WEBFINGER_PATH, jrd(jrdJson));

            ResolvedActor resolved =
                    client().resolveActor("@foo@" + remote.authority()).orElseThrow();

            assertThat(resolved.subject()).isEqualTo(Resource.parse(subject));
            assertThat(resolved.actor()).isEqualTo(URI.create(actor));
            assertThat(canonical.requests()).hasSize(1);
        }
    }

    @Test
    void resolveActorRefusesASecondSubjectRedirect() throws IOException {
        try (LoopbackServer second = new LoopbackServer()) {
            remote.route(
                    WebFingerServer.WEBFINGER_PATH,
                    jrd("{\"subject\":\"acct:foo@" + second.authority() + "\",\"links\":[]}"));
            second.route(WebFingerServer.WEBFINGER_PATH, jrd("{\"subject\":\"acct:foo@third.test\",\"links\":[]}"));

            assertThatThrownBy(() -> client().resolveActor("@foo@" + remote.authority()))
                    .isInstanceOf(WebFingerException.InvalidJrd.class)
                    .hasMessageContaining("a second subject redirect is refused");
        }
    }

    @Test
    void splitDomainPassesMastodonsReverseCheckEndToEnd() throws Exception {
        try (LoopbackServer actorHost = new LoopbackServer()) {
            WebFingerServer ours = ourServerFor(remote, actorHost);
            remote.serve(ours);
            actorHost.serve(ours);
            URI actorId = URI.create(actorHost.url("/actor"));

            // Mastodon fetched actorId (preferredUsername "org") and checks the handle from the actor's host.
            ResolvedActor reverse =
                    client().resolveActor("acct:org@" + actorHost.authority()).orElseThrow();
            ResolvedActor forward =
                    client().resolveActor("@org@" + remote.authority()).orElseThrow();

            assertThat(reverse.actor()).isEqualTo(actorId);
            assertThat(reverse.subject()).hasToString("acct:org@" + remote.authority());
            assertThat(forward).isEqualTo(reverse);
            assertThat(actorHost.requests()).hasSize(1);
        }
    }
}
