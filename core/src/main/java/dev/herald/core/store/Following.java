package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote actor that a local actor follows (or asked to follow). Immutable.
 *
 * @param actor the local actor's username
 * @param followee the remote actor's id
 * @param followActivity the id of the {@code Follow} Herald sent
 * @param accepted whether the remote side accepted it
 * @param since when the follow was sent
 */
public record Following(String actor, URI followee, Optional<URI> followActivity, boolean accepted, Instant since) {
    /** Checks the parts. */
    public Following {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(followee, "followee");
        Objects.requireNonNull(followActivity, "followActivity");
        Objects.requireNonNull(since, "since");
    }
}
