package dev.herald.webfinger;

import java.util.Optional;

/**
 * The application's side of the WebFinger server: which resources exist, and what their JRD says.
 *
 * <p>{@link WebFingerServer} calls it only with a well-formed resource whose host is one the server was configured
 * for, so an implementation only maps the user name (or the actor/profile URL) to its account. For an account,
 * return a JRD whose subject is the canonical {@code acct:user@handle-host} whichever form was asked for (Mastodon
 * treats the subject as the handle), with the actor's {@code self} link; return empty for an unknown resource
 * (the server answers 404).
 *
 * <p>Implementations must be thread-safe: the server calls them concurrently from request threads. An exception
 * thrown here becomes a 503 answer (and a log line), never a 500.
 */
@FunctionalInterface
public interface ResourceResolver {
    /**
     * The JRD for a resource, or empty if this site has no such resource.
     *
     * @param resource a parsed resource for one of the configured hosts
     */
    Optional<Jrd> resolve(Resource resource);
}
