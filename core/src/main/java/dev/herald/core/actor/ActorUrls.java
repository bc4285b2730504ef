package dev.herald.core.actor;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where Herald's documents live on the site: every URL is the site's public origin, Herald's base path, and a
 * fixed layout under it. Ids are published once and must never change, so neither must the origin, the base
 * path or a username.
 *
 * <table>
 *   <caption>The layout, for origin {@code https://www.example.org} and base path {@code /ap}</caption>
 *   <tr><th>what</th><th>URL</th></tr>
 *   <tr><td>actor {@code news}</td><td>{@code https://www.example.org/ap/actors/news}</td></tr>
 *   <tr><td>its inbox, outbox, followers, following, featured</td>
 *       <td>{@code …/ap/actors/news/inbox}, {@code …/outbox}, {@code …/followers}, {@code …/following},
 *       {@code …/featured}</td></tr>
 *   <tr><td>its key</td><td>{@code …/ap/actors/news#main-key}</td></tr>
 *   <tr><td>a quote authorization it gave (FEP-044f)</td>
 *       <td>{@code …/ap/actors/news/quote-authorizations/{uuid}}</td></tr>
 *   <tr><td>shared inbox</td><td>{@code https://www.example.org/ap/inbox}</td></tr>
 *   <tr><td>instance actor, its inbox and outbox</td>
 *       <td>{@code https://www.example.org/ap/actor}, {@code …/ap/actor/inbox}, {@code …/ap/actor/outbox}</td></tr>
 *   <tr><td>NodeInfo 2.1 and 2.0</td><td>{@code https://www.example.org/ap/nodeinfo/2.1}, {@code …/2.0}</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class ActorUrls {
    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private final URI origin;
    private final String prefix;
    private final String basePath;

    private ActorUrls(URI origin, String basePath) {
        this.origin = origin;
        this.basePath = basePath;
        this.prefix = origin + basePath;
    }

    /**
     * The layout for a public origin and a base path.
     *
     * @param origin the site's public origin, e.g. {@code https://www.example.org} (no path, query or fragment)
     * @param basePath where Herald's URLs start, e.g. {@code /ap}: one or more segments of
     *     {@code [A-Za-z0-9._~-]}, no trailing slash, not under {@code /.well-known}
     * @throws IllegalArgumentException if either is malformed
     */
    public static ActorUrls of(URI origin, String basePath) {
        return new ActorUrls(checkOrigin(origin), checkBasePath(basePath));
    }

    /** The origin: scheme, host in lower case, and port unless it is the scheme's default. */
    public URI origin() {
        return origin;
    }

    /** The base path, e.g. {@code /ap}. */
    public String basePath() {
        return basePath;
    }

    /** The origin's authority ({@code host} or {@code host:port}). */
    public String authority() {
        return origin.getRawAuthority();
    }

    /** The actor {@code username}'s id. */
    public URI actor(String username) {
        return URI.create(prefix + "/actors/" + username);
    }

    /** The actor's personal inbox. */
    public URI inbox(String username) {
        return URI.create(prefix + "/actors/" + username + "/inbox");
    }

    /** The actor's outbox. */
    public URI outbox(String username) {
        return URI.create(prefix + "/actors/" + username + "/outbox");
    }

    /** The actor's followers collection. */
    public URI followers(String username) {
        return URI.create(prefix + "/actors/" + username + "/followers");
    }

    /** The actor's following collection. */
    public URI following(String username) {
        return URI.create(prefix + "/actors/" + username + "/following");
    }

    /** The actor's featured (pinned posts) collection. */
    public URI featured(String username) {
        return URI.create(prefix + "/actors/" + username + "/featured");
    }

    /** The site's shared inbox. */
    public URI sharedInbox() {
        return URI.create(prefix + "/inbox");
    }

    /** The instance actor's id. */
    public URI instanceActor() {
        return URI.create(prefix + "/actor");
    }

    /** The instance actor's inbox. */
    public URI instanceInbox() {
        return URI.create(prefix + "/actor/inbox");
    }

    /** The instance actor's outbox (always empty). */
    public URI instanceOutbox() {
        return URI.create(prefix + "/actor/outbox");
    }

    /** The id of an actor's key: the actor id with {@code #main-key}, as Mastodon names it. */
    public URI mainKey(URI actor) {
        return URI.create(Checks.absolute(actor, "actor") + "#main-key");
    }

    /** The NodeInfo document of schema {@code version} ({@code 2.0} or {@code 2.1}). */
    public URI nodeInfo(String version) {
        return URI.create(prefix + "/nodeinfo/" + version);
    }

    /** The absolute URL of a path on the origin, e.g. {@code /ap/actors/news?page=1}. */
    public URI resolve(String pathAndQuery) {
        return URI.create(origin + pathAndQuery);
    }

    @Override
    public String toString() {
        return "ActorUrls[" + prefix + "]";
    }

    private static URI checkOrigin(URI origin) {
        Checks.notNull(origin, "origin");
        String scheme = origin.getScheme() == null ? "" : origin.getScheme().toLowerCase(Locale.ROOT);
        String path = origin.getRawPath();
        if (!(scheme.equals("https") || scheme.equals("http"))
                || origin.getHost() == null
                || origin.getRawUserInfo() != null
                || (path != null && !path.isEmpty() && !path.equals("/"))
                || origin.getRawQuery() != null
                || origin.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "origin must look like https://www.example.org (scheme and host, no path), got " + origin);
        }
        int port = origin.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String host = origin.getHost().toLowerCase(Locale.ROOT);
        return URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    }

    private static String checkBasePath(String basePath) {
        Checks.notNull(basePath, "basePath");
        if (!BASE_PATH.matcher(basePath).matches() || basePath.startsWith("/.well-known")) {
            throw new IllegalArgumentException("basePath must look like /ap (segments of A-Z a-z 0-9 . _ ~ -,"
                    + " no trailing slash, not under /.well-known), got '" + basePath + "'");
        }
        for (String segment : basePath.substring(1).split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("basePath must not contain . or .. segments, got " + basePath);
            }
        }
        return basePath;
    }
}
