package dev.herald.samples;

import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.HostBacklog;
import dev.herald.core.store.HostHealth;
import dev.herald.core.store.JobState;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.QuoteAuthorization;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API under {@code /admin/api/} (see {@code SAMPLE-CONTRACT.md} and {@code docs/sample.md}): JSON in and
 * out, {@code Authorization: Bearer TOKEN} on every call (401 without it). Errors are {@code {"error": "reason"}}.
 * Thread-safe.
 */
final class AdminApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminApiServlet.class);
    private static final int MAX_BODY = 256 * 1024;

    private final transient Fediverse fediverse;
    private final transient Stats stats;
    private final transient HeraldStore store;
    private final transient InboxLog inboxLog;
    private final byte[] token;

    AdminApiServlet(Fediverse fediverse, HeraldStore store, InboxLog inboxLog, String token) {
        this.fediverse = fediverse;
        this.store = store;
        this.inboxLog = inboxLog;
        this.stats = new Stats(fediverse, store);
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setHeader("Cache-Control", "no-store");
        if (!authorized(req)) {
            res.setHeader("WWW-Authenticate", "Bearer realm=\"herald-admin\"");
            error(res, 401, "missing or wrong admin token: send Authorization: Bearer TOKEN");
            return;
        }
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String route = req.getMethod() + " " + path;
        try {
            switch (route) {
                case "POST /posts" -> createPost(req, res);
                case "PUT /posts" -> updatePost(req, res);
                case "DELETE /posts" -> deletePost(req, res);
                case "GET /posts" -> json(res, 200, stats.posts(limit(req)));
                case "GET /followers" -> followers(req, res);
                case "POST /followers/approve" -> decide(req, res, true);
                case "POST /followers/reject" -> decide(req, res, false);
                case "POST /follow" -> follow(req, res);
                case "GET /quotes" -> quotes(req, res);
                case "POST /quotes/approve" -> approveQuote(req, res);
                case "POST /quotes/reject" -> rejectQuote(req, res);
                case "POST /quotes/revoke" -> revokeQuote(req, res);
                case "GET /following" ->
                    json(
                            res,
                            200,
                            Json.createObjectBuilder()
                                    .add("items", fediverse.following(limit(req)))
                                    .build());
                case "GET /deliveries" -> json(res, 200, deliveries());
                case "GET /inbox" ->
                    json(
                            res,
                            200,
                            Json.createObjectBuilder()
                                    .add("items", inboxLog.recent())
                                    .build());
                case "GET /stats" -> json(res, 200, stats.all());
                default ->
                    error(
                            res,
                            knownPath(path) ? 405 : 404,
                            knownPath(path) ? req.getMethod() + " is not allowed on " + path : "no such call: " + path);
            }
        } catch (BadRequest e) {
            error(res, 400, e.getMessage());
        } catch (PostInput.InvalidPost e) {
            error(res, 400, e.getMessage());
        } catch (IllegalArgumentException e) {
            error(res, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Admin call {} failed", route, e);
            error(res, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private static boolean knownPath(String path) {
        return switch (path) {
            case "/posts",
                    "/followers",
                    "/followers/approve",
                    "/followers/reject",
                    "/follow",
                    "/following",
                    "/quotes",
                    "/quotes/approve",
                    "/quotes/reject",
                    "/quotes/revoke",
                    "/inbox",
                    "/deliveries",
                    "/stats" -> true;
            default -> false;
        };
    }

    private boolean authorized(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private void createPost(HttpServletRequest req, HttpServletResponse res)
            throws IOException, BadRequest, PostInput.InvalidPost {
        PostInput post = PostInput.fromJson(body(req));
        Fediverse.Published published = fediverse.publish(post);
        LOG.info("Published {}", published.id());
        res.setHeader("Location", published.id().toString());
        json(res, 201, published(published));
    }

    private void updatePost(HttpServletRequest req, HttpServletResponse res)
            throws IOException, BadRequest, PostInput.InvalidPost {
        URI id = idParameter(req);
        PostInput post = PostInput.fromJson(body(req));
        Optional<Fediverse.Published> updated = fediverse.update(id, post);
        if (updated.isEmpty()) {
            error(res, 404, "no post with id " + id + " (or it was deleted)");
            return;
        }
        LOG.info("Updated {}", id);
        json(res, 200, published(updated.get()));
    }

    private void deletePost(HttpServletRequest req, HttpServletResponse res) throws IOException, BadRequest {
        URI id = idParameter(req);
        Optional<Fediverse.Published> deleted = fediverse.delete(id);
        if (deleted.isEmpty()) {
            error(res, 404, "no post with id " + id + " (or it was deleted already)");
            return;
        }
        LOG.info("Deleted {}", id);
        json(res, 200, published(deleted.get()));
    }

    private void followers(HttpServletRequest req, HttpServletResponse res) throws IOException, BadRequest {
        String state = Optional.ofNullable(req.getParameter("state")).orElse("accepted");
        Follower.State s =
                switch (state) {
                    case "accepted" -> Follower.State.ACCEPTED;
                    case "pending" -> Follower.State.PENDING;
                    default -> throw new BadRequest("state must be accepted or pending, got '" + state + "'");
                };
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (Follower f : fediverse.followers(s, limit(req))) {
            items.add(f.follower().toString());
        }
        json(
                res,
                200,
                Json.createObjectBuilder()
                        .add("totalItems", fediverse.followerCount(s))
                        .add("items", items)
                        .build());
    }

    private void decide(HttpServletRequest req, HttpServletResponse res, boolean approve)
            throws IOException, BadRequest {
        URI actor = uri(requiredString(body(req), "actor"), "actor");
        boolean done = approve ? fediverse.approve(actor) : fediverse.reject(actor);
        if (!done) {
            error(res, 404, "no pending follow request from " + actor);
            return;
        }
        json(
                res,
                200,
                Json.createObjectBuilder()
                        .add("actor", actor.toString())
                        .add("state", approve ? "accepted" : "rejected")
                        .build());
    }

    private void follow(HttpServletRequest req, HttpServletResponse res) throws IOException, BadRequest {
        String target = requiredString(body(req), "target").strip();
        if (!(target.startsWith("http://") || target.startsWith("https://") || target.matches("@?[^@\\s]+@[^@\\s]+"))) {
            throw new BadRequest("target must be @user@host[:port] or an actor URL, got '" + target + "'");
        }
        URI follow = fediverse.follow(target);
        json(
                res,
                202,
                Json.createObjectBuilder()
                        .add("target", target)
                        .add("activity", follow.toString())
                        .build());
    }

    private void quotes(HttpServletRequest req, HttpServletResponse res) throws IOException, BadRequest {
        String state = Optional.ofNullable(req.getParameter("state")).orElse("accepted");
        QuoteAuthorization.State s =
                switch (state) {
                    case "pending" -> QuoteAuthorization.State.PENDING;
                    case "accepted" -> QuoteAuthorization.State.ACCEPTED;
                    case "revoked" -> QuoteAuthorization.State.REVOKED;
                    default ->
                        throw new BadRequest("state must be pending, accepted or revoked (rejected requests are not"
                                + " kept), got '" + state + "'");
                };
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (QuoteAuthorization q : fediverse.quotes(s, limit(req))) {
            items.add(quote(q));
        }
        json(
                res,
                200,
                Json.createObjectBuilder()
                        .add("totalItems", fediverse.quoteCount(s))
                        .add("items", items)
                        .build());
    }

    private static JsonObject quote(QuoteAuthorization q) {
        JsonObjectBuilder out = Json.createObjectBuilder()
                .add("id", q.id().toString())
                .add("post", q.target().toString())
                .add("quotingPost", q.quotingPost().toString())
                .add("quotingActor", q.quotingActor().toString())
                .add("state", stateName(q.state()))
                .add("requested", q.requested().toString());
        q.decided().ifPresent(d -> out.add("decided", d.toString()));
        return out.build();
    }

    private void approveQuote(HttpServletRequest req, HttpServletResponse res) throws IOException, BadRequest {
        URI id = quoteId(req);
        Optional<QuoteAuthorization> asked = pendingQuote(id);
        boolean approved;
        try {
            approved = asked.isPresent() && fediverse.approveQuote(id);
        } catch (IOException e) {
            // Only the fetch of the quoting post throws (the Accept is queued): nothing changed.
            LOG.info("Could not approve the quote request {}: {}", id, e.getMessage());
            error(res, 502, e.getMessage() + "; the request is still pending: try again later");
            return;
        }
        if (!approved) {
            error(
                    res,
                    404,
                    asked.isEmpty()
                            ? noPendingQuote(id)
                            : "the quote request " + id + " was dropped: the quoted post was deleted, or the quoting"
                                    + " post is gone or no longer quotes it");
            return;
        }
        LOG.info("Approved the quote request {}", id);
        decided(res, id, "accepted");
    }

    private void rejectQuote(HttpServletRequest req, HttpServletResponse res) throws IOException, BadRequest {
        URI id = quoteId(req);
        if (!fediverse.rejectQuote(id)) {
            error(res, 404, noPendingQuote(id));
            return;
        }
        LOG.info("Rejected the quote request {}", id);
        decided(res, id, "rejected");
    }

    private void revokeQuote(HttpServletRequest req, HttpServletResponse res) throws IOException, BadRequest {
        URI id = quoteId(req);
        if (!fediverse.revokeQuote(id)) {
            String state = fediverse.quote(id).map(q -> stateName(q.state())).orElse("unknown");
            error(res, 404, "no accepted quote " + id + " (it is " + state + "): only an accepted quote is revoked");
            return;
        }
        LOG.info("Revoked the quote {}", id);
        decided(res, id, "revoked");
    }

    private URI quoteId(HttpServletRequest req) throws IOException, BadRequest {
        return uri(requiredString(body(req), "id"), "id");
    }

    private Optional<QuoteAuthorization> pendingQuote(URI id) {
        return fediverse.quote(id).filter(q -> q.state() == QuoteAuthorization.State.PENDING);
    }

    private String noPendingQuote(URI id) {
        return "no pending quote request " + id
                + fediverse
                        .quote(id)
                        .map(q -> " (it is " + stateName(q.state()) + ")")
                        .orElse("");
    }

    private static void decided(HttpServletResponse res, URI id, String state) throws IOException {
        json(
                res,
                200,
                Json.createObjectBuilder()
                        .add("id", id.toString())
                        .add("state", state)
                        .build());
    }

    private static String stateName(QuoteAuthorization.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private JsonObject deliveries() {
        Map<JobState, Long> counts = store.deliveries().counts();
        JsonObjectBuilder out = Json.createObjectBuilder()
                .add("pending", counts.getOrDefault(JobState.PENDING, 0L))
                .add("retrying", counts.getOrDefault(JobState.RETRY, 0L))
                .add("inFlight", counts.getOrDefault(JobState.CLAIMED, 0L))
                .add("delivered", counts.getOrDefault(JobState.DONE, 0L))
                .add("failed", counts.getOrDefault(JobState.GIVEN_UP, 0L));
        JsonArrayBuilder backlog = Json.createArrayBuilder();
        for (HostBacklog b : store.deliveries().backlogByHost(20)) {
            backlog.add(Json.createObjectBuilder().add("host", b.host()).add("waiting", b.waiting()));
        }
        JsonArrayBuilder failing = Json.createArrayBuilder();
        for (HostHealth h :
                store.hostHealth().listFailing(PageRequest.first(20)).items()) {
            JsonObjectBuilder host = Json.createObjectBuilder()
                    .add("host", h.host())
                    .add("consecutiveFailures", h.consecutiveFailures());
            h.unavailableSince().ifPresent(t -> host.add("unavailableSince", t.toString()));
            h.lastFailure().ifPresent(t -> host.add("lastFailure", t.toString()));
            h.lastSuccess().ifPresent(t -> host.add("lastSuccess", t.toString()));
            failing.add(host);
        }
        return out.add("backlogByHost", backlog)
                .add("failingHosts", failing)
                .add("recentFailures", fediverse.recentFailures())
                .build();
    }

    private static JsonObject published(Fediverse.Published p) {
        JsonObjectBuilder out = Json.createObjectBuilder().add("id", p.id().toString());
        p.activity().ifPresent(a -> out.add("activity", a.toString()));
        return out.add("deliveries", p.deliveries()).build();
    }

    private static URI idParameter(HttpServletRequest req) throws BadRequest {
        String id = req.getParameter("id");
        if (id == null || id.isBlank()) {
            throw new BadRequest("the id parameter is required: ?id=<object id>");
        }
        return uri(id, "id");
    }

    private static URI uri(String value, String name) throws BadRequest {
        try {
            URI uri = new URI(value.strip());
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new URISyntaxException(value, "not absolute");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new BadRequest(name + " must be an absolute URL, got '" + value + "'");
        }
    }

    private static int limit(HttpServletRequest req) throws BadRequest {
        String limit = req.getParameter("limit");
        if (limit == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n < 1 || n > PageRequest.MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest("limit must be 1 to " + PageRequest.MAX_LIMIT + ", got '" + limit + "'");
        }
    }

    private static String requiredString(JsonObject body, String key) throws BadRequest {
        JsonValue value = body.get(key);
        if (!(value instanceof JsonString s) || s.getString().isBlank()) {
            throw new BadRequest(key + " is required (a string)");
        }
        return s.getString();
    }

    private static JsonObject body(HttpServletRequest req) throws IOException, BadRequest {
        // Any content type: the body is read as JSON (curl's default form type included).
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new BadRequest("the body is larger than " + MAX_BODY + " bytes");
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                throw new BadRequest("the body must be a JSON object");
            }
            return object;
        } catch (JsonParsingException e) {
            throw new BadRequest("the body is not valid JSON: " + e.getMessage());
        } catch (jakarta.json.JsonException e) {
            throw new BadRequest("the body is not valid JSON");
        }
    }

    static void json(HttpServletResponse res, int status, JsonValue body) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void error(HttpServletResponse res, int status, String reason) throws IOException {
        json(res, status, Json.createObjectBuilder().add("error", reason).build());
    }

    /** A request the API cannot take; the message is the reason. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String reason) {
            super(reason);
        }
    }
}
