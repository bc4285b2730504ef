package dev.herald.samples;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.outbox.Publishing;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.jdbc.JdbcStore;
import dev.herald.servlet.HeraldFilter;
import dev.herald.webfinger.NetworkPolicy;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample site: embedded Jetty with Herald's filter on {@code /*}, the home page, the admin page and API, the
 * store, and the feed bridge. {@link #start(Options)} returns it running; {@link #close()} stops everything in
 * reverse order. Thread-safe.
 */
public final class SampleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SampleServer.class);

    private final Options options;
    private final Server jetty;
    private final HeraldStore store;
    private final Federation federation;
    private final Fediverse fediverse;
    private final Optional<FeedBridge> feed;
    private final String adminToken;
    private final URI origin;

    private SampleServer(
            Options options,
            Server jetty,
            HeraldStore store,
            Federation federation,
            Fediverse fediverse,
            Optional<FeedBridge> feed,
            String adminToken,
            URI origin) {
        this.options = options;
        this.jetty = jetty;
        this.store = store;
        this.federation = federation;
        this.fediverse = fediverse;
        this.feed = feed;
        this.adminToken = adminToken;
        this.origin = origin;
    }

    /**
     * Opens the port, the store and the federation, and starts serving.
     *
     * @throws Exception if the port cannot be opened or the store cannot be read
     */
    public static SampleServer start(Options options) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("sample-http");
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(options.bind());
        connector.setPort(options.port());
        jetty.addConnector(connector);
        // Open the port first: with --port 0 the ids need the port the system gave.
        connector.open();
        int port = connector.getLocalPort();
        URI origin = origin(options, port);

        HeraldStore store = openStore(options);
        try {
            NetworkPolicy policy =
                    options.allowPrivateNetwork() ? NetworkPolicy.allowPrivateNetwork() : NetworkPolicy.publicOnly();
            URI home = URI.create(origin + "/");
            Federation federation = Federation.builder()
                    .origin(origin)
                    .store(store)
                    .networkPolicy(policy)
                    .publishing(Publishing.defaults()
                            .withDelivery(options.delivery().settings()))
                    .addActor(ActorProfile.builder(options.handle())
                            .name(options.name())
                            .summary("<p>Announcements from <a href=\"" + home + "\">"
                                    + Fediverse.escape(origin.getHost()) + "</a>, federated by Herald.</p>")
                            .profileUrl(home)
                            .manuallyApprovesFollowers(options.approveFollowers())
                            .addField(
                                    "Website",
                                    "<a href=\"" + home + "\" rel=\"me\">" + Fediverse.escape(home.toString()) + "</a>")
                            .build())
                    .build();
            Fediverse fediverse =
                    new Fediverse(federation, store, options.handle(), Clock.systemUTC(), new RemoteLookup(policy));
            String token = options.adminToken().orElseGet(SampleServer::randomToken);

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            InboxLog inboxLog = new InboxLog(federation, Clock.systemUTC());
            context.addFilter(new FilterHolder(inboxLog), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addFilter(new FilterHolder(new HeraldFilter(federation)), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(
                    new ServletHolder(new AdminApiServlet(fediverse, store, inboxLog, token)), "/admin/api/*");
            context.addServlet(new ServletHolder(new AdminPageServlet(federation, options.handle())), "/admin/*");
            context.addServlet(new ServletHolder(new HomePageServlet(federation, store, options)), "/");
            jetty.setHandler(context);
            jetty.setStopAtShutdown(false);
            jetty.start();

            Optional<FeedBridge> feed =
                    options.feed().map(url -> FeedBridge.start(url, options.feedInterval(), policy, fediverse));
            return new SampleServer(options, jetty, store, federation, fediverse, feed, token, origin);
        } catch (Exception | Error e) {
            store.close();
            jetty.stop();
            throw e;
        }
    }

    private static URI origin(Options options, int port) {
        if (options.baseUrl().isPresent()) {
            URI given = options.baseUrl().get();
            // An extension for scripts and tests on --port 0: a base URL with port 0 takes the real port.
            if (given.getPort() == 0) {
                return URI.create(given.getScheme() + "://" + given.getHost() + ":" + port);
            }
            return given;
        }
        return URI.create("http://localhost:" + port);
    }

    private static HeraldStore openStore(Options options) {
        if (options.jdbcUrl().isPresent()) {
            return JdbcStore.builder().jdbcUrl(options.jdbcUrl().get()).build();
        }
        return JdbcStore.embeddedH2(options.data());
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The port it listens on. */
    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The public origin. */
    public URI origin() {
        return origin;
    }

    /** The handle, e.g. {@code @news@localhost:8080}. */
    public String handle() {
        return federation.handleOf(options.handle());
    }

    /** The actor's id. */
    public URI actor() {
        return federation.actorId(options.handle());
    }

    /** The admin page. */
    public URI admin() {
        return URI.create(origin + "/admin");
    }

    /** The admin token. */
    public String adminToken() {
        return adminToken;
    }

    /** The line the sample prints once it is ready (see the contract). */
    public String readyLine() {
        return "herald: ready " + handle() + " actor=" + actor() + " admin=" + admin();
    }

    /** Stops the feed bridge, Jetty, deliveries and the store, in that order. Idempotent. */
    @Override
    public synchronized void close() {
        feed.ifPresent(FeedBridge::close);
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly: {}", e.toString());
        }
        fediverse.close();
        store.close();
    }
}
