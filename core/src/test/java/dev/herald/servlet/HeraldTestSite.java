package dev.herald.servlet;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A tiny servlet site on 127.0.0.1 and a free port, with {@link HeraldFilter} in front: the site answers every
 * path with its own HTML page (also at the actor's URL, to show that browsers still get it) and echoes the size of
 * POST bodies at {@code /form}. For integration tests, and for interop tests that need a running Herald:
 * {@code HeraldTestSite.start(origin -> Federation.builder().origin(origin)…build())}, or run {@link #main} for a
 * site with one actor, {@code news}, until the process is stopped.
 *
 * <p>Thread-safe once started.
 */
public final class HeraldTestSite implements AutoCloseable {
    /** The marker every page of the site carries. */
    public static final String PAGE_MARKER = "<!-- the site's own page -->";

    private final Server server;
    private final URI origin;
    private final Federation federation;

    private HeraldTestSite(Server server, URI origin, Federation federation) {
        this.server = server;
        this.origin = origin;
        this.federation = federation;
    }

    /**
     * Starts a site; {@code federation} gets the origin ({@code http://127.0.0.1:<port>}) and builds the
     * federation the filter serves.
     */
    public static HeraldTestSite start(Function<URI, Federation> federation) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        URI origin = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        Federation built = federation.apply(origin);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(
                new FilterHolder(new HeraldFilter(built)), "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new SitePages()), "/*");
        server.setHandler(context);
        server.start();
        return new HeraldTestSite(server, origin, built);
    }

    /** The site's origin, {@code http://127.0.0.1:<port>}. */
    public URI origin() {
        return origin;
    }

    /** The federation the filter serves. */
    public Federation federation() {
        return federation;
    }

    /** {@code path} on this site. */
    public URI uri(String pathAndQuery) {
        return URI.create(origin + pathAndQuery);
    }

    /** Stops the server. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not stop the test site at " + origin, e);
        }
    }

    /** Starts a site with the actor {@code news} (in memory) and prints its origin; stops with the process. */
    public static void main(String[] args) throws Exception {
        HeraldTestSite site = start(origin -> Federation.builder()
                .origin(origin)
                .addActor(ActorProfile.builder("news").name("News").build())
                .build());
        System.out.println("herald test site: " + site.origin() + " actor="
                + site.federation().actorId("news"));
        site.server.join();
    }

    /** The site's own pages: HTML at every path, and an echo of POST bodies. */
    private static final class SitePages extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] page = ("<!doctype html><title>Example</title>" + PAGE_MARKER + "<p>Page at "
                            + request.getRequestURI().replace("<", "&lt;") + "</p>")
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/html; charset=utf-8");
            response.setContentLength(page.length);
            response.getOutputStream().write(page);
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write("the site got " + body.length + " bytes");
        }
    }
}
