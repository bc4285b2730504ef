package dev.herald.core.outbox.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Finds and links what a post's text refers to: bare URLs become links, {@code #tag} becomes a hashtag link, and
 * {@code @user@host} becomes a mention in the markup Mastodon writes ({@code <span class="h-card"><a
 * class="u-url mention">@<span>user</span></a></span>}). Text inside links, {@code code} and {@code pre} is left
 * alone. Not part of the API. Stateless and thread-safe.
 */
public final class Markup {
    private static final String URL = "(https?://[^\\s<>\"]+)";
    // Mastodon: a tag has at least one letter; it must not follow a word character, / or # (URLs, anchors).
    private static final String HASHTAG = "(?<![\\p{L}\\p{N}_/#&])#([\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*)";
    // @user@host; the host may carry a port (local test sites).
    private static final String MENTION =
            "(?<![\\p{L}\\p{N}_/@.])@([A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\\d{1,5})?)";
    private static final Pattern TOKENS = Pattern.compile(URL + "|" + HASHTAG + "|" + MENTION);
    private static final Set<String> SKIP = Set.of("a", "code", "pre");

    private Markup() {}

    /** A mention to link: the handle as written ({@code user@host}) and the actor's page. */
    public record LinkedMention(String user, URI href) {}

    /** What the text refers to: hashtags (without {@code #}) and handles ({@code user@host}), in order. */
    public record Found(Set<String> hashtags, Set<String> handles) {}

    /** The hashtags and handles in {@code html}'s text, outside links and code. */
    public static Found scan(String html) {
        Set<String> tags = new LinkedHashSet<>();
        Set<String> handles = new LinkedHashSet<>();
        for (TextNode text : texts(Html.parse(html).body())) {
            Matcher m = TOKENS.matcher(text.getWholeText());
            while (m.find()) {
                if (m.group(2) != null) {
                    tags.add(m.group(2));
                } else if (m.group(3) != null) {
                    handles.add(handle(m.group(3), m.group(4)));
                }
            }
        }
        return new Found(tags, handles);
    }

    /**
     * {@code html} with its URLs, hashtags and the resolved mentions linked. Mentions not in {@code mentions} stay
     * text.
     *
     * @param tagHref the page of a hashtag (given without {@code #})
     * @param mentions resolved mentions by lower-case handle {@code user@host}
     */
    public static String link(String html, Function<String, URI> tagHref, Map<String, LinkedMention> mentions) {
        Document doc = Html.parse(html);
        for (TextNode text : texts(doc.body())) {
            String whole = text.getWholeText();
            Matcher m = TOKENS.matcher(whole);
            List<Node> parts = new ArrayList<>();
            int last = 0;
            while (m.find()) {
                Optional<Element> element;
                int end = m.end();
                if (m.group(1) != null) {
                    String url = trimUrl(m.group(1));
                    end = m.start() + url.length();
                    element = Optional.of(urlLink(url));
                } else if (m.group(2) != null) {
                    element = Optional.of(hashtagLink(m.group(2), tagHref.apply(m.group(2))));
                } else {
                    LinkedMention mention = mentions.get(handle(m.group(3), m.group(4)));
                    element = Optional.ofNullable(mention).map(Markup::mentionCard);
                }
                if (element.isEmpty()) {
                    continue;
                }
                if (m.start() > last) {
                    parts.add(new TextNode(whole.substring(last, m.start())));
                }
                parts.add(element.get());
                last = end;
            }
            if (parts.isEmpty()) {
                continue;
            }
            if (last < whole.length()) {
                parts.add(new TextNode(whole.substring(last)));
            }
            for (Node part : parts) {
                text.before(part);
            }
            text.remove();
        }
        return doc.body().html();
    }

    /** A hashtag link as Mastodon writes it. */
    public static Element hashtagLink(String tag, URI href) {
        Element a = new Element("a")
                .attr("href", href.toString())
                .attr("class", "mention hashtag")
                .attr("rel", "tag");
        a.appendText("#");
        a.appendElement("span").text(tag);
        return a;
    }

    /** The lower-case handle {@code user@host}. */
    public static String handle(String user, String host) {
        return (user + "@" + host).toLowerCase(Locale.ROOT);
    }

    private static Element urlLink(String url) {
        return new Element("a")
                .attr("href", url)
                .attr("rel", "nofollow noopener noreferrer")
                .text(url);
    }

    private static Element mentionCard(LinkedMention mention) {
        Element card = new Element("span").attr("class", "h-card");
        Element a =
                card.appendElement("a").attr("href", mention.href().toString()).attr("class", "u-url mention");
        a.appendText("@");
        a.appendElement("span").text(mention.user());
        return card;
    }

    // Trailing punctuation belongs to the sentence, not the URL (a closing parenthesis only when unbalanced).
    private static String trimUrl(String url) {
        String u = url;
        while (!u.isEmpty()) {
            char c = u.charAt(u.length() - 1);
            if (".,;:!?'\"".indexOf(c) >= 0) {
                u = u.substring(0, u.length() - 1);
            } else if (c == ')' && count(u, '(') < count(u, ')')) {
                u = u.substring(0, u.length() - 1);
            } else {
                break;
            }
        }
        return u;
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    private static List<TextNode> texts(Element root) {
        List<TextNode> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Element element, List<TextNode> out) {
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                out.add(text);
            } else if (child instanceof Element e && !SKIP.contains(e.normalName())) {
                collect(e, out);
            }
        }
    }
}
