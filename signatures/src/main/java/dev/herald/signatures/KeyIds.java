package dev.herald.signatures;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The fediverse conventions for HTTP signature key ids.
 *
 * <p>Mastodon, and most servers after it, publish an actor's key as {@code <actor>#main-key}, so
 * stripping the fragment from a key id gives the actor that owns it. GoToSocial instead uses a path,
 * {@code <actor>/main-key}, which says nothing about the owner: for such ids {@link #ownerOf} returns
 * the key id itself and the caller must dereference it and read the key's {@code owner}. Either way,
 * a verifier must check that the fetched actor really lists the key before trusting it.
 *
 * <p>Only absolute {@code http}/{@code https} URIs with a host are accepted; anything else ({@code
 * acct:} ids, relative references) is an {@link IllegalArgumentException}. Stateless and
 * thread-safe.
 */
public final class KeyIds {
    /** The fragment Mastodon gives an actor's key. */
    public static final String MAIN_KEY_FRAGMENT = "main-key";

    private KeyIds() {}

    /**
     * The key id for {@code actor}'s key: {@code actor#main-key}.
     *
     * @throws IllegalArgumentException if {@code actor} is null, not an absolute http(s) URI, or
     *     already has a fragment
     */
    public static URI mainKey(URI actor) {
        requireHttp(actor, "actor");
        if (actor.getRawFragment() != null) {
            throw new IllegalArgumentException("actor must not have a fragment: " + actor);
        }
        return URI.create(actor + "#" + MAIN_KEY_FRAGMENT);
    }

    /**
     * The URI to fetch to find {@code keyId}'s owner: the key id without its fragment, which is the
     * actor when the key id follows Mastodon's {@code #main-key} convention. A key id without a
     * fragment (GoToSocial's {@code …/main-key}) is returned unchanged; the caller must dereference
     * it and follow the key's {@code owner}.
     *
     * @throws IllegalArgumentException if {@code keyId} is null, not a URI, or not an absolute
     *     http(s) URI
     */
    public static URI ownerOf(String keyId) {
        if (keyId == null) {
            throw new IllegalArgumentException("keyId must not be null");
        }
        URI uri;
        try {
            uri = new URI(keyId);
        } catch (URISyntaxException e) {
            // The key id is attacker-controlled: do not echo it into logs.
            throw new IllegalArgumentException("keyId is not a valid URI: " + e.getReason());
        }
        requireHttp(uri, "keyId");
        if (uri.getRawFragment() == null) {
            return uri;
        }
        return URI.create(keyId.substring(0, keyId.indexOf('#')));
    }

    private static void requireHttp(URI uri, String name) {
        if (uri == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        String scheme = uri.getScheme();
        boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!uri.isAbsolute() || !http || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URI with a host: " + uri);
        }
    }
}
