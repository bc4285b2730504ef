package dev.herald.core.outbox;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.util.Optional;

/**
 * Finds the actor behind a handle, so a post can tag, address and deliver to it. Herald's default looks the handle
 * up with WebFinger and reads the actor's inbox ({@link WebFingerMentionResolver}); tests and sites with their own
 * directory plug in another. Implementations must be thread-safe; they may do network I/O.
 */
@FunctionalInterface
public interface MentionResolver {
    /**
     * The actor behind {@code handle} ({@code user@host}, lower case), or empty if there is none or it could not be
     * found; a handle that does not resolve stays plain text in the post.
     */
    Optional<Resolved> resolve(String handle);

    /** A resolver that resolves nothing: every mention stays text. */
    static MentionResolver none() {
        return handle -> Optional.empty();
    }

    /**
     * A mentioned actor.
     *
     * @param handle the handle, {@code user@host}
     * @param actor the actor's id (the {@code Mention} tag's {@code href}, and a {@code cc} recipient)
     * @param inbox where the post is delivered: the actor's shared inbox if it has one, else its inbox
     */
    record Resolved(String handle, URI actor, URI inbox) {
        /** Checks the parts. */
        public Resolved {
            Checks.notBlank(handle, "handle");
            Checks.absolute(actor, "actor");
            Checks.absolute(inbox, "inbox");
        }
    }
}
