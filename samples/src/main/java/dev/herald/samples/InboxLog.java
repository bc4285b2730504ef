package dev.herald.samples;

import dev.herald.core.Federation;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample's view of what arrives in its inboxes: a filter in front of Herald's that keeps a copy of each inbox
 * POST and, once Herald has accepted it (verified signature, 2xx), logs one line and remembers it for {@code GET
 * /admin/api/inbox} (the last {@value #KEEP}, in memory only). This is how the two-site demo shows a post arriving:
 * Herald itself stores and processes it, and tells a site only about what concerns the site's own posts and
 * followers. Thread-safe.
 */
final class InboxLog implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(InboxLog.class);
    static final int KEEP = 100;
    private static final int MAX_TEXT = 2000;

    private final Federation federation;
    private final Clock clock;
    private final Deque<JsonObject> received = new ArrayDeque<>();

    InboxLog(Federation federation, Clock clock) {
        this.federation = federation;
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request)
                || !(res instanceof HttpServletResponse response)
                || !federation.readsBody(request.getMethod(), request.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(federation.maxBodyBytes() + 1);
        }
        chain.doFilter(new CachedBody(request, body), response);
        int status = response.getStatus();
        if (status >= 200 && status < 300 && body.length <= federation.maxBodyBytes()) {
            remember(request.getRequestURI(), body);
        }
    }

    private void remember(String path, byte[] body) {
        JsonObject activity;
        try {
            activity = Fediverse.parse(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return;
        }
        JsonObjectBuilder entry = Json.createObjectBuilder()
                .add("receivedAt", clock.instant().toString())
                .add("inbox", path)
                .add("type", text(activity.get("type")))
                .add("id", text(activity.get("id")))
                .add("actor", text(activity.get("actor")));
        JsonValue object = activity.get("object");
        if (object instanceof JsonObject o) {
            entry.add("object", text(o.get("id"))).add("objectType", text(o.get("type")));
            if (o.get("content") instanceof JsonString content) {
                entry.add("content", cut(content.getString()));
            }
            if (o.get("summary") instanceof JsonString summary) {
                entry.add("summary", cut(summary.getString()));
            }
        } else {
            entry.add("object", text(object));
        }
        JsonObject e = entry.build();
        LOG.info("Received {} {} from {}", e.getString("type"), e.getString("object"), e.getString("actor"));
        synchronized (received) {
            received.addFirst(e);
            while (received.size() > KEEP) {
                received.removeLast();
            }
        }
    }

    /** At most {@value #MAX_TEXT} characters: a hundred remembered activities stay small whatever arrives. */
    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    private static String text(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonObject o && o.get("id") instanceof JsonString id) {
            return id.getString();
        }
        return value == null ? "" : cut(value.toString());
    }

    /** The remembered activities, newest first. */
    JsonArray recent() {
        JsonArrayBuilder out = Json.createArrayBuilder();
        synchronized (received) {
            received.forEach(out::add);
        }
        return out.build();
    }

    /** A request whose body was read already, read again from memory. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
