package dev.herald.core.internal.http;

import dev.herald.core.actor.ActorUrls;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.http.HeraldResponse;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyIds;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.SignatureVerifier;
import dev.herald.signatures.VerificationKey;
import dev.herald.signatures.VerificationPolicy;
import dev.herald.signatures.VerificationResult;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorized fetch (Mastodon's "secure mode"): a GET of a gated document must carry a valid HTTP signature
 * (draft-cavage or RFC 9421) from a domain that is not blocked. Unsigned or invalid: 401 with the reason;
 * blocked domain: 403, without fetching its key. The signature is checked against the public origin: the
 * {@code Host} field is taken from the configuration, as the signer addressed it, not from what a reverse proxy
 * passed on. Not part of the API. Immutable and thread-safe.
 */
public final class SignedFetch {
    private static final Logger LOG = LoggerFactory.getLogger(SignedFetch.class);

    private final ActorUrls urls;
    private final Set<String> blockedDomains;
    private final SignatureVerifier verifier;

    /** What the check found: the request may go on (signed by {@code signer}), or this answer ends it. */
    public sealed interface Outcome {}

    /**
     * The request is signed by an allowed domain.
     *
     * @param signer the key's owner (or, if unknown, the key id without its fragment)
     */
    public record Allowed(URI signer) implements Outcome {}

    /**
     * The request is refused.
     *
     * @param response 401 or 403 with a JSON reason
     */
    public record Denied(HeraldResponse response) implements Outcome {}

    /**
     * A check.
     *
     * @param urls the public origin
     * @param keys finds signers' keys
     * @param blockedDomains lower-case domains whose requests (and subdomains' requests) are refused
     * @param clock for the date window
     */
    public SignedFetch(ActorUrls urls, KeyResolver keys, Set<String> blockedDomains, Clock clock) {
        this.urls = urls;
        this.blockedDomains = Set.copyOf(blockedDomains);
        KeyResolver unlessBlocked = new KeyResolver() {
            @Override
            public Optional<VerificationKey> resolve(String keyId) {
                return isBlockedKey(keyId) ? Optional.empty() : keys.resolve(keyId);
            }

            @Override
            public Optional<VerificationKey> refresh(String keyId) {
                return isBlockedKey(keyId) ? Optional.empty() : keys.refresh(keyId);
            }
        };
        this.verifier = SignatureVerifier.of(
                unlessBlocked, VerificationPolicy.builder().clock(clock).build());
    }

    /** Whether {@code host} is a blocked domain or under one. */
    public boolean isBlocked(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String domain : blockedDomains) {
            if (h.equals(domain) || h.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /** Checks the request's signature and its domain. */
    public Outcome check(HeraldRequest request) {
        HttpMessage.Request message;
        try {
            message = new HttpMessage.Request(
                    request.method(),
                    urls.resolve(request.target()),
                    request.target(),
                    request.headers().replacing("Host", urls.authority()),
                    dev.herald.signatures.HttpFields.empty());
        } catch (IllegalArgumentException e) {
            return new Denied(Responses.error(400, "the request target is malformed", true));
        }
        VerificationResult result = verifier.verify(message, request.body());
        if (result instanceof VerificationResult.Rejected rejected) {
            if (rejected.keyId().map(this::isBlockedKey).orElse(false)) {
                return new Denied(blocked());
            }
            boolean unsigned = rejected.reason() == VerificationResult.Reason.MISSING_SIGNATURE;
            if (unsigned) {
                LOG.debug("Refused an unsigned fetch of {}", request.path());
            } else {
                LOG.info("Signature rejected on a fetch of {}: {}", request.path(), rejected);
            }
            String reason = unsigned
                    ? "Request not signed: this server requires signed fetches (authorized fetch)"
                    : "Signature rejected: " + rejected.detail();
            return new Denied(Responses.error(rejected.httpStatus(), reason, true));
        }
        VerificationResult.Verified verified = (VerificationResult.Verified) result;
        URI signer = verified.keyOwner().orElseGet(() -> KeyIds.ownerOf(verified.keyId()));
        if (isBlockedKey(verified.keyId()) || isBlocked(signer.getHost())) {
            return new Denied(blocked());
        }
        return new Allowed(signer);
    }

    private boolean isBlockedKey(String keyId) {
        try {
            return isBlocked(URI.create(keyId).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static HeraldResponse blocked() {
        return Responses.error(403, "Requests from this domain are blocked", true);
    }
}
