package dev.herald.webfinger;

import java.net.URI;
import java.util.Objects;

/**
 * A handle resolved the way Mastodon resolves it: the canonical subject (after at most one subject redirect) and
 * the ActivityPub actor its {@code self} link names.
 *
 * <p>Immutable and thread-safe.
 *
 * @param subject the canonical subject, usually {@code acct:user@handle-host}; use it as the account's handle
 * @param actor the ActivityPub actor id
 * @param jrd the JRD the actor was read from (the second one when the subject redirected)
 */
public record ResolvedActor(Resource subject, URI actor, Jrd jrd) {
    /** Checks that no part is null. */
    public ResolvedActor {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(jrd, "jrd");
    }
}
