package dev.herald.samples;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.herald.webfinger.NetworkPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Federates an RSS or Atom feed ({@code --feed}): polls it, and publishes each entry once, with its title, summary,
 * link and image (with its description, where the feed has one). Entries that are already there when the bridge
 * first sees the feed are imported without being delivered (back-dated to their own dates), so that starting the
 * sample on an old feed does not flood followers. An entry's post id is derived from the entry's id, and the store
 * keeps the posts, so a restart never posts an entry twice. Thread-safe.
 */
final class FeedBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedBridge.class);
    private static final Namespace MEDIA = Namespace.getNamespace("media", "http://search.yahoo.com/mrss/");
    private static final int MAX_FEED_BYTES = 5 << 20;
    private static final int MAX_REDIRECTS = 5;

    private final URI feed;
    private final NetworkPolicy policy;
    private final Fediverse fediverse;
    private final HttpClient http;
    private final ScheduledExecutorService timer;

    FeedBridge(URI feed, NetworkPolicy policy, Fediverse fediverse) {
        this.feed = feed;
        this.policy = policy;
        this.fediverse = fediverse;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feed-bridge");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling {@code feed} now and every {@code interval}. */
    static FeedBridge start(URI feed, Duration interval, NetworkPolicy policy, Fediverse fediverse) {
        FeedBridge bridge = new FeedBridge(feed, policy, fediverse);
        bridge.timer.scheduleWithFixedDelay(bridge::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Federating the feed {} every {}", feed, interval);
        return bridge;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (Exception e) {
            LOG.warn("Could not read the feed {}: {}", feed, e.toString());
        }
    }

    /**
     * Reads the feed once and publishes what is new.
     *
     * @return how many entries were published (delivered or imported)
     */
    int poll() throws Exception {
        SyndFeed parsed;
        try (InputStream in = new ByteArrayInputStream(fetch(feed));
                XmlReader reader = new XmlReader(in)) {
            parsed = new SyndFeedInput().build(reader);
        }
        // RSS's <language> (Rome does not carry Atom's xml:lang over).
        Optional<String> language = Optional.ofNullable(parsed.getLanguage());
        List<Entry> entries = new ArrayList<>();
        for (SyndEntry e : parsed.getEntries()) {
            entry(e, language).ifPresent(entries::add);
        }
        entries.sort(Comparator.comparing(Entry::date));
        boolean firstSight =
                !entries.isEmpty() && entries.stream().noneMatch(e -> fediverse.exists(fediverse.objectId(e.slug())));
        int published = 0;
        for (Entry e : entries) {
            if (fediverse.exists(fediverse.objectId(e.slug()))) {
                continue;
            }
            try {
                if (firstSight) {
                    fediverse.publish(e.post().publishedAt(e.date()), e.slug(), false);
                    LOG.info("Imported feed entry {} (not delivered: it was in the feed before)", e.id());
                } else {
                    fediverse.publish(e.post(), e.slug(), true);
                    LOG.info("Published feed entry {}", e.id());
                }
                published++;
            } catch (IllegalArgumentException ex) {
                // One entry Herald refuses must not hold up the others; it is tried again on the next poll.
                LOG.warn("Could not publish feed entry {}: {}", e.id(), ex.getMessage());
            }
        }
        return published;
    }

    private record Entry(String id, String slug, Instant date, PostInput post) {}

    private Optional<Entry> entry(SyndEntry e, Optional<String> feedLanguage) {
        String id = firstNonBlank(e.getUri(), e.getLink()).orElse(null);
        if (id == null) {
            LOG.warn("Skipping a feed entry with neither an id nor a link: {}", e.getTitle());
            return Optional.empty();
        }
        Instant date = Optional.ofNullable(e.getPublishedDate())
                .or(() -> Optional.ofNullable(e.getUpdatedDate()))
                .map(java.util.Date::toInstant)
                .orElse(Instant.EPOCH);
        Optional<String> title = firstNonBlank(e.getTitle());
        String summary = Optional.ofNullable(e.getDescription())
                .map(SyndContent::getValue)
                .filter(s -> !s.isBlank())
                .or(() -> e.getContents().stream()
                        .map(SyndContent::getValue)
                        .filter(s -> s != null && !s.isBlank())
                        .findFirst())
                .orElse("");
        String content =
                summary.isBlank() ? "" : looksLikeHtml(summary) ? summary : "<p>" + Fediverse.escape(summary) + "</p>";
        Optional<URI> link = firstNonBlank(e.getLink()).flatMap(FeedBridge::httpUri);
        if (content.isBlank()) {
            // A post needs a body: the link to the page, else the title itself.
            if (link.isPresent()) {
                String href = Fediverse.escape(link.get().toString());
                content = "<p><a href=\"" + href + "\">" + href + "</a></p>";
            } else if (title.isPresent()) {
                content = "<p>" + Fediverse.escape(title.get()) + "</p>";
                title = Optional.empty();
            } else {
                LOG.warn("Skipping the empty feed entry {}", id);
                return Optional.empty();
            }
        }
        PostInput post = new PostInput(
                content,
                title,
                Optional.empty(),
                false,
                link,
                List.of(),
                feedLanguage.filter(l -> l.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")),
                "public",
                Optional.empty(),
                image(e).map(List::of).orElse(List.of()),
                Optional.empty());
        return Optional.of(new Entry(id, "feed-" + hash(id), date, post));
    }

    /** The entry's image with its description: media:content (or a media:group's), else an image enclosure. */
    private static Optional<PostInput.Attachment> image(SyndEntry e) {
        List<Element> candidates = new ArrayList<>();
        for (Element el : e.getForeignMarkup()) {
            if (MEDIA.getURI().equals(el.getNamespaceURI())) {
                if (el.getName().equals("content")) {
                    candidates.add(el);
                } else if (el.getName().equals("group")) {
                    candidates.addAll(el.getChildren("content", MEDIA));
                }
            }
        }
        Optional<String> itemDescription = mediaText(e.getForeignMarkup());
        for (Element c : candidates) {
            String type = Optional.ofNullable(c.getAttributeValue("type")).orElse("");
            boolean image = type.startsWith("image/") || "image".equals(c.getAttributeValue("medium"));
            Optional<URI> url = firstNonBlank(c.getAttributeValue("url")).flatMap(FeedBridge::httpUri);
            Optional<String> alt = mediaText(c.getChildren()).or(() -> itemDescription);
            if (image && url.isPresent() && alt.isPresent()) {
                return Optional.of(
                        new PostInput.Attachment(url.get(), type.isEmpty() ? "image/jpeg" : type, alt.get()));
            }
        }
        for (SyndEnclosure enclosure : e.getEnclosures()) {
            String type = Optional.ofNullable(enclosure.getType()).orElse("");
            Optional<URI> url = firstNonBlank(enclosure.getUrl()).flatMap(FeedBridge::httpUri);
            if (type.startsWith("image/") && url.isPresent()) {
                if (itemDescription.isPresent()) {
                    return Optional.of(new PostInput.Attachment(url.get(), type, itemDescription.get()));
                }
                LOG.info("Leaving out the image {} of a feed entry: the feed gives no description of it", url.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mediaText(List<Element> elements) {
        for (String name : List.of("description", "title")) {
            for (Element el : elements) {
                if (MEDIA.getURI().equals(el.getNamespaceURI()) && el.getName().equals(name)) {
                    String text = el.getTextNormalize();
                    if (!text.isBlank()) {
                        return Optional.of(text);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private byte[] fetch(URI url) throws IOException, InterruptedException {
        if ("file".equalsIgnoreCase(url.getScheme())) {
            return Files.readAllBytes(Path.of(url));
        }
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            policy.check(current);
            HttpRequest request = HttpRequest.newBuilder(current)
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
                    .header("User-Agent", "herald-sample feed bridge")
                    .GET()
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status >= 300
                    && status < 400
                    && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                current = current.resolve(
                        response.headers().firstValue("Location").get());
                continue;
            }
            try (InputStream body = response.body()) {
                if (status != 200) {
                    throw new IOException("the feed answered " + status);
                }
                byte[] bytes = body.readNBytes(MAX_FEED_BYTES + 1);
                if (bytes.length > MAX_FEED_BYTES) {
                    throw new IOException("the feed is larger than " + MAX_FEED_BYTES + " bytes");
                }
                return bytes;
            }
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
    }

    private static boolean looksLikeHtml(String text) {
        return text.contains("<") && text.contains(">");
    }

    private static Optional<String> firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return Optional.of(v.strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<URI> httpUri(String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    ? Optional.of(uri)
                    : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
