package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote actor that follows (or asked to follow) a local actor. Immutable.
 *
 * @param actor the local actor's username
 * @param follower the remote actor's id
 * @param inbox the remote actor's personal inbox
 * @param sharedInbox its server's shared inbox, if it has one (deliveries prefer it)
 * @param followActivity the id of the {@code Follow} activity, for {@code Accept} and {@code Undo}
 * @param state accepted, or waiting for approval
 * @param since when the follow arrived
 */
public record Follower(
        String actor,
        URI follower,
        URI inbox,
        Optional<URI> sharedInbox,
        Optional<URI> followActivity,
        State state,
        Instant since) {

    /** Whether the follow is accepted. */
    public enum State {
        /** Waiting for approval (the actor manually approves followers). */
        PENDING,
        /** Accepted: deliveries go to it. */
        ACCEPTED
    }

    /** Checks the parts. */
    public Follower {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(follower, "follower");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(sharedInbox, "sharedInbox");
        Objects.requireNonNull(followActivity, "followActivity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    /** Where deliveries to this follower go: the shared inbox if there is one, else the personal inbox. */
    public URI deliveryInbox() {
        return sharedInbox.orElse(inbox);
    }
}
