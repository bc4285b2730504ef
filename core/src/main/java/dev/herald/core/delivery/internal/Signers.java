package dev.herald.core.delivery.internal;

import dev.herald.core.store.KeyPairStore;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.DoubleKnock;
import dev.herald.signatures.Pem;
import dev.herald.signatures.Rfc9421Signer;
import dev.herald.signatures.SignatureSpec;
import dev.herald.signatures.SigningKey;
import dev.herald.signatures.SpecMemory;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The signers of each local actor, read from the key store once and kept: a draft-cavage signer, and a
 * double-knock when RFC 9421 is on. The private key stays in memory only in the signer. Thread-safe.
 */
public final class Signers {
    /**
     * An actor's signers.
     *
     * @param cavage signs draft-cavage-12
     * @param knock signs RFC 9421 or cavage, per host, when RFC 9421 is on
     */
    public record Signer(CavageSigner cavage, Optional<DoubleKnock> knock) {}

    private final KeyPairStore keys;
    private final Function<String, URI> keyIds;
    private final Optional<SignatureSpec> firstKnock;
    private final SpecMemory memory;
    private final Map<String, Signer> signers = new ConcurrentHashMap<>();

    /**
     * @param keys where the actors' key pairs are
     * @param keyIds an actor's key id from its username
     * @param firstKnock the specification tried first when RFC 9421 is on; empty for draft-cavage only
     * @param memory what each host accepted
     */
    public Signers(
            KeyPairStore keys, Function<String, URI> keyIds, Optional<SignatureSpec> firstKnock, SpecMemory memory) {
        this.keys = keys;
        this.keyIds = keyIds;
        this.firstKnock = firstKnock;
        this.memory = memory;
    }

    /**
     * The signers of {@code actor}.
     *
     * @throws IllegalStateException if the actor has no key pair in the store
     */
    public Signer of(String actor) {
        Signer s = signers.get(actor);
        if (s != null) {
            return s;
        }
        StoredKeyPair pair = keys.find(actor)
                .orElseThrow(() -> new IllegalStateException("no key pair stored for actor '" + actor + "'"));
        SigningKey key = SigningKey.of(keyIds.apply(actor).toString(), Pem.readPrivateKey(pair.privateKeyPem()));
        CavageSigner cavage = CavageSigner.of(key);
        Optional<DoubleKnock> knock =
                firstKnock.map(first -> DoubleKnock.of(cavage, Rfc9421Signer.of(key), memory, first));
        Signer made = new Signer(cavage, knock);
        signers.putIfAbsent(actor, made);
        return made;
    }
}
