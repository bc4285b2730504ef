package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote actor's request to quote one of the site's posts (FEP-044f {@code QuoteRequest}) and where the site's
 * answer stands: {@link State#PENDING pending} until someone approves it by hand, {@link State#ACCEPTED accepted} (its
 * {@link #id()} then dereferences to the {@code QuoteAuthorization} stamp that proves the consent), or {@link
 * State#REVOKED revoked}. A refused request is not stored. Immutable.
 *
 * @param id the authorization's id on the site's domain, where its stamp is served
 * @param actor the username of the local actor whose post is quoted
 * @param target the quoted post, one of the site's (the stamp's {@code interactionTarget})
 * @param quotingPost the remote post that quotes it (the stamp's {@code interactingObject})
 * @param quotingActor who asked
 * @param request the {@code QuoteRequest} activity's id, which the {@code Accept} or {@code Reject} names
 * @param inbox where answers go: the quoting actor's inbox
 * @param state where it stands
 * @param requested when the request arrived
 * @param decided when it was accepted, or revoked
 */
public record QuoteAuthorization(
        URI id,
        String actor,
        URI target,
        URI quotingPost,
        URI quotingActor,
        URI request,
        URI inbox,
        State state,
        Instant requested,
        Optional<Instant> decided) {

    /** Where a quote request stands. */
    public enum State {
        /** Waiting for the site to approve or reject it (the post's policy asks for manual approval). */
        PENDING,
        /** Accepted: the stamp is served at the id. */
        ACCEPTED,
        /** Withdrawn: the site revoked it, or the quoting post was deleted; the id answers 410. */
        REVOKED
    }

    /** Checks the parts. */
    public QuoteAuthorization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(quotingPost, "quotingPost");
        Objects.requireNonNull(quotingActor, "quotingActor");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(decided, "decided");
    }

    /** This authorization moved to {@code next} at {@code when}. */
    public QuoteAuthorization withState(State next, Instant when) {
        return new QuoteAuthorization(
                id,
                actor,
                target,
                quotingPost,
                quotingActor,
                request,
                inbox,
                Objects.requireNonNull(next, "state"),
                requested,
                Optional.of(Objects.requireNonNull(when, "when")));
    }
}
