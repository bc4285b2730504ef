package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote actor's document as fetched and cached, with the public key used to verify its signatures.
 * Immutable.
 *
 * @param id the actor's id
 * @param keyId the id of its public key, if it has one
 * @param publicKeyPem that key as SPKI PEM
 * @param inbox its personal inbox
 * @param sharedInbox its server's shared inbox
 * @param json the actor document as fetched
 * @param fetchedAt when it was fetched
 * @param expiresAt when it should be fetched again
 */
public record RemoteActor(
        URI id,
        Optional<URI> keyId,
        Optional<String> publicKeyPem,
        Optional<URI> inbox,
        Optional<URI> sharedInbox,
        String json,
        Instant fetchedAt,
        Instant expiresAt) {
    /** Checks the parts. */
    public RemoteActor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(sharedInbox, "sharedInbox");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the entry is past its expiry at {@code now} (it may still be used while a refetch fails). */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
