package dev.herald.signatures;

import static dev.herald.signatures.VerificationResult.Reason.MALFORMED_SIGNATURE;

import dev.herald.signatures.sfv.BareItem;
import dev.herald.signatures.sfv.Item;
import dev.herald.signatures.sfv.Parameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an RFC 9421 signature off a response: time window and covered digests only. Stateless. */
final class ResponseReader {
    private ResponseReader() {}

    static SignedCandidate read(
            Rfc9421Reader.Entry entry,
            HttpMessage.Response response,
            Optional<HttpMessage.Request> related,
            byte[] body,
            VerificationPolicy policy)
            throws SignedCandidate.Rejection {
        Parameters params = entry.input().parameters();
        Optional<BareItem> keyId = params.get("keyid");
        if (keyId.isEmpty() || !(keyId.get() instanceof BareItem.String)) {
            throw new SignedCandidate.Rejection(MALFORMED_SIGNATURE, "signature " + entry.label() + " has no keyid");
        }
        Optional<SignatureAlgorithm> algorithm = params.get("alg")
                .filter(BareItem.String.class::isInstance)
                .flatMap(a -> SignatureAlgorithm.fromRfc9421Name(((BareItem.String) a).value()));
        Optional<Instant> created = params.get("created")
                .filter(BareItem.Integer.class::isInstance)
                .map(c -> Instant.ofEpochSecond(((BareItem.Integer) c).value()));
        if (created.isPresent()) {
            RequestChecks.checkWindow(created.get(), "created", policy);
        }
        List<String> components = new ArrayList<>();
        List<String> plainFields = new ArrayList<>();
        for (Item item : entry.input().items()) {
            components.add(item.serialize());
            if (item.parameters().isEmpty() && item.value() instanceof BareItem.String) {
                plainFields.add(((BareItem.String) item.value()).value());
            }
        }
        RequestChecks.checkDigests(response.fields(), body, plainFields, false);
        byte[] base = Rfc9421Reader.base(entry, response, related);
        return new SignedCandidate(
                SignatureSpec.RFC_9421,
                ((BareItem.String) keyId.get()).value(),
                algorithm,
                components,
                created,
                Optional.of(entry.label()),
                entry.signature(),
                withoutQuery -> base,
                false);
    }
}
