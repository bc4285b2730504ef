package dev.herald.core.outbox.internal;

import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Safelist;

/**
 * The HTML a published post may carry: the tags Mastodon keeps ({@code p br a span strong em ul ol li blockquote
 * code pre}), {@code href} on links ({@code http}, {@code https}, {@code mailto} only), and only the microformat
 * classes Mastodon's own markup uses. Everything else is dropped: scripts and styles with their content, other tags
 * keeping their text. Not part of the API. Stateless and thread-safe.
 */
public final class Html {
    /** The class names Mastodon's sanitiser keeps (mentions, hashtags, shortened links). */
    private static final Set<String> CLASSES = Set.of("h-card", "u-url", "mention", "hashtag", "invisible", "ellipsis");

    private static final Safelist SAFELIST = new Safelist()
            .addTags("p", "br", "a", "span", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre")
            .addAttributes("a", "href", "rel", "class")
            .addAttributes("span", "class")
            .addProtocols("a", "href", "http", "https", "mailto");

    private static final Document.OutputSettings OUTPUT =
            new Document.OutputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.base);

    private Html() {}

    /**
     * {@code html} reduced to the allow-list. Relative links are resolved against {@code base} when given, and
     * dropped otherwise.
     */
    public static String sanitize(String html, Optional<String> base) {
        String cleaned = Jsoup.clean(html, base.orElse(""), SAFELIST, OUTPUT);
        Document doc = parse(cleaned);
        for (Element element : doc.body().select("[class]")) {
            String kept = element.classNames().stream()
                    .filter(CLASSES::contains)
                    .reduce((a, b) -> a + " " + b)
                    .orElse("");
            if (kept.isEmpty()) {
                element.removeAttr("class");
            } else {
                element.attr("class", kept);
            }
        }
        return doc.body().html();
    }

    /**
     * Plain text as HTML: characters escaped, paragraphs (separated by blank lines) in {@code <p>}, single line
     * breaks as {@code <br>}.
     */
    public static String fromText(String text) {
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (normalized.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (String paragraph : normalized.split("\n\\s*\n")) {
            String p = paragraph.strip();
            if (p.isEmpty()) {
                continue;
            }
            html.append("<p>");
            String[] lines = p.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    html.append("<br>");
                }
                html.append(Entities.escape(lines[i].strip(), OUTPUT));
            }
            html.append("</p>");
        }
        return html.toString();
    }

    /** The text a reader sees, whitespace collapsed: what the Note/Article length threshold counts. */
    public static String text(String html) {
        return parse(html).body().text();
    }

    /** Parses a body fragment with Herald's output settings. */
    public static Document parse(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings(OUTPUT.clone());
        return doc;
    }

    /** Escapes text for HTML. */
    public static String escape(String text) {
        return Entities.escape(text, OUTPUT);
    }
}
