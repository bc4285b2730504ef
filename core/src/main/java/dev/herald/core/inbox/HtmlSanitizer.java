package dev.herald.core.inbox;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Reduces remote HTML to the elements Mastodon keeps (paragraphs, line breaks, links, emphasis, lists, quotes,
 * code), links to {@code http}/{@code https} only and marked {@code nofollow noopener noreferrer}: what a site may
 * show of a reply. Stateless and thread-safe.
 */
final class HtmlSanitizer {
    private static final Safelist SAFELIST = new Safelist()
            .addTags(
                    "p",
                    "br",
                    "span",
                    "a",
                    "del",
                    "pre",
                    "code",
                    "em",
                    "strong",
                    "b",
                    "i",
                    "u",
                    "ul",
                    "ol",
                    "li",
                    "blockquote")
            .addAttributes("a", "href", "class")
            .addAttributes("span", "class")
            .addProtocols("a", "href", "http", "https")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    private HtmlSanitizer() {}

    /** {@code html} with everything outside the allow-list removed. */
    static String sanitize(String html) {
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", SAFELIST, output);
    }
}
