package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;

/**
 * An actor's public key as ActivityPub servers publish it ({@code publicKey} on the actor, or a
 * stand-alone {@code CryptographicKey} document that a {@code keyId} dereferences to).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the key id, the value signers put in {@code keyId} ({@code …#main-key} on Mastodon,
 *     {@code …/main-key} on GoToSocial)
 * @param owner the actor that owns the key; verifiers must check it equals the activity's actor
 * @param publicKeyPem the key as PEM text, exactly as published (line breaks are not normalised)
 */
public record PublicKey(URI id, URI owner, String publicKeyPem) implements ApObject {
    /** Checks that the URIs are absolute and the PEM is not blank. */
    public PublicKey {
        Checks.absolute(id, "id");
        Checks.absolute(owner, "owner");
        Checks.notBlank(publicKeyPem, "publicKeyPem");
    }

    /** {@code "CryptographicKey"}, the type of a stand-alone key document. */
    @Override
    public String typeName() {
        return "CryptographicKey";
    }
}
