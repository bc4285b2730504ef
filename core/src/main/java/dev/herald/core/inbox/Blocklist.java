package dev.herald.core.inbox;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Blocked domains (with their subdomains) and blocked actors. The inbox answers their activities 403 and does not
 * fetch their keys. Reloadable: {@link #replace} swaps the whole list at once, so that a list read from a file or a
 * shared subscription takes effect for the next request.
 *
 * <p>Thread-safe: lookups read an immutable snapshot.
 */
public final class Blocklist {
    private record Snapshot(Set<String> domains, Set<URI> actors) {}

    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(Set.of(), Set.of()));

    /** An empty list. */
    public static Blocklist empty() {
        return new Blocklist();
    }

    /** A list with these domains and actors. */
    public static Blocklist of(Collection<String> domains, Collection<URI> actors) {
        Blocklist list = new Blocklist();
        list.replace(domains, actors);
        return list;
    }

    /**
     * Replaces the whole list.
     *
     * @param domains domains like {@code spam.example} (their subdomains are blocked too)
     * @param actors actor ids
     * @throws IllegalArgumentException if a domain is not a plain host name
     */
    public void replace(Collection<String> domains, Collection<URI> actors) {
        Set<String> d = new LinkedHashSet<>();
        for (String domain : Checks.notNull(domains, "domains")) {
            d.add(normalize(domain));
        }
        current.set(new Snapshot(Set.copyOf(d), Set.copyOf(Checks.notNull(actors, "actors"))));
    }

    /** Adds a domain (and its subdomains). */
    public void blockDomain(String domain) {
        String d = normalize(domain);
        current.updateAndGet(s -> {
            Set<String> domains = new LinkedHashSet<>(s.domains());
            domains.add(d);
            return new Snapshot(Set.copyOf(domains), s.actors());
        });
    }

    /** Adds an actor. */
    public void blockActor(URI actor) {
        Checks.notNull(actor, "actor");
        current.updateAndGet(s -> {
            Set<URI> actors = new LinkedHashSet<>(s.actors());
            actors.add(actor);
            return new Snapshot(s.domains(), Set.copyOf(actors));
        });
    }

    /** The blocked domains. */
    public Set<String> domains() {
        return current.get().domains();
    }

    /** The blocked actors. */
    public Set<URI> actors() {
        return current.get().actors();
    }

    /** Whether {@code host} is a blocked domain or a subdomain of one, in any case, with or without a final dot. */
    public boolean isDomainBlocked(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        // A fully qualified name ("spam.example.") is the same host as "spam.example": DNS resolves both alike.
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        Set<String> domains = current.get().domains();
        while (true) {
            if (domains.contains(h)) {
                return true;
            }
            int dot = h.indexOf('.');
            if (dot < 0) {
                return false;
            }
            h = h.substring(dot + 1);
        }
    }

    /** Whether {@code actor} is blocked, itself or by its domain. */
    public boolean isBlocked(URI actor) {
        return actor != null && (current.get().actors().contains(actor) || isDomainBlocked(actor.getHost()));
    }

    private static String normalize(String domain) {
        String d = Checks.notBlank(domain, "domain").strip().toLowerCase(Locale.ROOT);
        if (d.contains("/") || d.contains(":") || d.contains(" ") || d.startsWith(".") || d.contains("@")) {
            throw new IllegalArgumentException("a blocked domain looks like spam.example, got '" + domain + "'");
        }
        return d;
    }
}
