package dev.herald.samples;

import dev.herald.core.Federation;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The admin page at {@code /admin}: plain HTML and one small script ({@code /admin/admin.js}) that asks for the
 * token, keeps it in the tab's {@code sessionStorage}, and calls the admin API. The page itself holds no secret, so
 * it is served without the token. Thread-safe.
 */
final class AdminPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String html;
    private final Map<String, byte[]> assets;

    AdminPageServlet(Federation federation, String username) {
        this.html = resource("admin.html")
                .replace("{{handle}}", Fediverse.escape(federation.handleOf(username)))
                .replace(
                        "{{actor}}",
                        Fediverse.escape(federation.actorId(username).toString()));
        this.assets = Map.of(
                "/admin.js", resource("admin.js").getBytes(StandardCharsets.UTF_8),
                "/admin.css", resource("admin.css").getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) {
        try (InputStream in = AdminPageServlet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = Optional.ofNullable(req.getPathInfo()).orElse("");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Frame-Options", "DENY");
        if (path.isEmpty() || path.equals("/")) {
            res.setHeader(
                    "Content-Security-Policy",
                    "default-src 'self'; img-src * data:; style-src 'self'; script-src 'self'");
            send(res, "text/html", html.getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] asset = assets.get(path);
        if (asset == null) {
            res.sendError(404);
            return;
        }
        send(res, path.endsWith(".js") ? "text/javascript" : "text/css", asset);
    }

    private static void send(HttpServletResponse res, String type, byte[] body) throws IOException {
        res.setContentType(type);
        res.setCharacterEncoding("UTF-8");
        res.getOutputStream().write(body);
    }
}
