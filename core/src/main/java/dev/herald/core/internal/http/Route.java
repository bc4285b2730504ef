package dev.herald.core.internal.http;

/**
 * What a request path names, before anything is looked up. Not part of the API. Immutable and thread-safe.
 */
public sealed interface Route {
    /** {@code /.well-known/webfinger}, {@code /.well-known/host-meta} and {@code /.well-known/host-meta.json}. */
    record WebFinger() implements Route {}

    /** {@code /.well-known/nodeinfo}. */
    record NodeInfoLinks() implements Route {}

    /**
     * {@code {base}/nodeinfo/2.1} or {@code /2.0}.
     *
     * @param version the schema version
     */
    record NodeInfo(String version) implements Route {}

    /** {@code {base}/actor}. */
    record InstanceActor() implements Route {}

    /** {@code {base}/actor/outbox}. */
    record InstanceOutbox() implements Route {}

    /**
     * An inbox: {@code {base}/inbox} (shared, no username), {@code {base}/actor/inbox} (the instance actor's)
     * or {@code {base}/actors/{username}/inbox}.
     *
     * @param username the actor's username; empty for the shared and the instance actor's inbox
     */
    record Inbox(String username) implements Route {}

    /**
     * {@code {base}/actors/{username}}.
     *
     * @param username as written in the path
     */
    record Actor(String username) implements Route {}

    /**
     * One of an actor's collections: {@code {base}/actors/{username}/{kind}}.
     *
     * @param username as written in the path
     * @param kind which collection
     */
    record Collection(String username, Kind kind) implements Route {}

    /** Any other path under the base path: an object, if one with that id is stored. */
    record ObjectLookup() implements Route {}

    /** Which collection. */
    enum Kind {
        /** The outbox. */
        OUTBOX,
        /** The followers. */
        FOLLOWERS,
        /** Whom the actor follows. */
        FOLLOWING,
        /** The pinned posts. */
        FEATURED
    }

    /**
     * The route for {@code path}, or null when the path is not Herald's (neither well-known nor under
     * {@code basePath}).
     */
    static Route of(String path, String basePath) {
        switch (path) {
            case "/.well-known/webfinger":
            case "/.well-known/host-meta":
            case "/.well-known/host-meta.json":
                return new WebFinger();
            case "/.well-known/nodeinfo":
                return new NodeInfoLinks();
            default:
                break;
        }
        if (!path.startsWith(basePath + "/")) {
            return null;
        }
        String rest = path.substring(basePath.length());
        switch (rest) {
            case "/inbox":
                return new Inbox("");
            case "/actor":
                return new InstanceActor();
            case "/actor/inbox":
                return new Inbox("");
            case "/actor/outbox":
                return new InstanceOutbox();
            case "/nodeinfo/2.1":
                return new NodeInfo("2.1");
            case "/nodeinfo/2.0":
                return new NodeInfo("2.0");
            default:
                break;
        }
        if (rest.startsWith("/actors/")) {
            String[] parts = rest.substring("/actors/".length()).split("/", -1);
            if (parts.length == 1 && !parts[0].isEmpty()) {
                return new Actor(parts[0]);
            }
            if (parts.length == 2 && !parts[0].isEmpty()) {
                switch (parts[1]) {
                    case "inbox":
                        return new Inbox(parts[0]);
                    case "outbox":
                        return new Collection(parts[0], Kind.OUTBOX);
                    case "followers":
                        return new Collection(parts[0], Kind.FOLLOWERS);
                    case "following":
                        return new Collection(parts[0], Kind.FOLLOWING);
                    case "featured":
                        return new Collection(parts[0], Kind.FEATURED);
                    default:
                        break;
                }
            }
        }
        return new ObjectLookup();
    }
}
