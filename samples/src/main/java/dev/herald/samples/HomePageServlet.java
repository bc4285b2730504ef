package dev.herald.samples;

import dev.herald.core.Federation;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoredObject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The site's own pages, the ones people see: the home page at {@code /} (the actor's profile URL: its news, each
 * linking to the federated post) and, for a browser, the page of each post at its id. Herald's filter answers the
 * same URLs for servers with JSON first; what it passes on lands here. Thread-safe.
 */
final class HomePageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final transient Federation federation;
    private final transient HeraldStore store;
    private final String username;
    private final String siteName;

    HomePageServlet(Federation federation, HeraldStore store, Options options) {
        this.federation = federation;
        this.store = store;
        this.username = options.handle();
        this.siteName = options.name();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getRequestURI();
        if (path.equals("/") || path.equals("/index.html")) {
            page(res, 200, siteName, home());
            return;
        }
        if (path.equals(federation.actorId(username).getPath())) {
            // The actor's URL in a browser: its profile is the home page.
            res.sendRedirect("/");
            return;
        }
        Optional<StoredObject> object = objectAt(path)
                .filter(o -> o.actor().equals(username) && o.visibility() != StoredObject.Visibility.FOLLOWERS);
        if (object.isPresent() && object.get().isDeleted()) {
            page(res, 410, siteName, "<p>This post was deleted.</p><p><a href=\"/\">All news</a></p>");
            return;
        }
        if (object.isPresent()) {
            page(res, 200, siteName, "<main>" + item(object.get(), false) + "<p><a href=\"/\">All news</a></p></main>");
            return;
        }
        page(res, 404, siteName, "<p>Nothing here.</p><p><a href=\"/\">Home</a></p>");
    }

    private Optional<StoredObject> objectAt(String path) {
        try {
            return store.objects().find(federation.urls().resolve(path));
        } catch (IllegalArgumentException e) {
            // Not a path an id can have.
            return Optional.empty();
        }
    }

    private String home() {
        StringBuilder html = new StringBuilder("<main><h2>Latest posts</h2>");
        Page<StoredObject> posts = store.objects().listByActor(username, PageRequest.first(50));
        int shown = 0;
        for (StoredObject o : posts.items()) {
            if (!o.isDeleted() && o.visibility() == StoredObject.Visibility.PUBLIC) {
                html.append(item(o, true));
                shown++;
            }
        }
        if (shown == 0) {
            html.append("<p class=\"empty\">No news yet.</p>");
        }
        return html.append("</main>").toString();
    }

    private String item(StoredObject o, boolean link) {
        JsonObject note = Fediverse.parse(o.json());
        StringBuilder html = new StringBuilder("<article class=\"h-entry\">");
        html.append("<p class=\"meta\"><time class=\"dt-published\" datetime=\"")
                .append(o.published())
                .append("\">")
                .append(DATE.format(o.published()))
                .append("</time>");
        if (link) {
            html.append(" · <a class=\"u-uid\" href=\"")
                    .append(Fediverse.escape(o.id().toString()))
                    .append("\">federated post</a>");
        }
        if (note.get("url") instanceof JsonString url) {
            html.append(" · <a class=\"u-url\" href=\"")
                    .append(Fediverse.escape(url.getString()))
                    .append("\">read more</a>");
        }
        html.append("</p>");
        boolean warned = note.get("summary") instanceof JsonString;
        if (warned) {
            html.append("<details><summary>")
                    .append(Fediverse.escape(((JsonString) note.get("summary")).getString()))
                    .append("</summary>");
        }
        // The content was written by the site's own admins (or its own feed).
        html.append("<div class=\"e-content\">")
                .append(note.getString("content", ""))
                .append("</div>");
        if (note.get("attachment") instanceof JsonArray media) {
            for (JsonValue v : media) {
                if (v instanceof JsonObject m && m.getString("mediaType", "").startsWith("image/")) {
                    html.append("<img src=\"")
                            .append(Fediverse.escape(m.getString("url", "")))
                            .append("\" alt=\"")
                            .append(Fediverse.escape(m.getString("name", "")))
                            .append("\">");
                }
            }
        }
        if (warned) {
            html.append("</details>");
        }
        return html.append("</article>").toString();
    }

    private void page(HttpServletResponse res, int status, String title, String body) throws IOException {
        URI actor = federation.actorId(username);
        String handle = federation.handleOf(username);
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Fediverse.escape(title) + "</title>"
                + "<link rel=\"me\" href=\"" + Fediverse.escape(actor.toString()) + "\">"
                + "<link rel=\"alternate\" type=\"application/activity+json\" href=\""
                + Fediverse.escape(actor.toString()) + "\">"
                + "<meta name=\"fediverse:creator\" content=\"" + Fediverse.escape(handle) + "\">"
                + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}"
                + "article{border-top:1px solid #ddd;padding:.5rem 0}.meta{color:#555;font-size:.9rem}"
                + "img{max-width:100%}</style></head><body>"
                + "<header><h1>" + Fediverse.escape(title) + "</h1><p>Follow us on the fediverse: <strong>"
                + Fediverse.escape(handle) + "</strong></p></header>"
                + body
                + "</body></html>\n";
        res.setStatus(status);
        res.setContentType("text/html");
        res.setCharacterEncoding("UTF-8");
        res.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }
}
