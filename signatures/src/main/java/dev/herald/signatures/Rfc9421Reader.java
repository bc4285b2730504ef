package dev.herald.signatures;

import static dev.herald.signatures.VerificationResult.Reason.ALGORITHM_NOT_ALLOWED;
import static dev.herald.signatures.VerificationResult.Reason.EXPIRED;
import static dev.herald.signatures.VerificationResult.Reason.MALFORMED_SIGNATURE;
import static dev.herald.signatures.VerificationResult.Reason.MISSING_COMPONENT;
import static dev.herald.signatures.VerificationResult.Reason.MISSING_HEADER;

import dev.herald.signatures.sfv.BareItem;
import dev.herald.signatures.sfv.Dictionary;
import dev.herald.signatures.sfv.InnerList;
import dev.herald.signatures.sfv.Item;
import dev.herald.signatures.sfv.ListMember;
import dev.herald.signatures.sfv.Parameters;
import dev.herald.signatures.sfv.StructuredFieldException;
import dev.herald.signatures.sfv.StructuredFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads RFC 9421 signatures off a message and applies the policy to each. Stateless. */
final class Rfc9421Reader {
    private Rfc9421Reader() {}

    /** A label's entry: its components and parameters, and its signature bytes. */
    record Entry(String label, InnerList input, byte[] signature) {}

    /** The labelled signatures of a message, in {@code Signature-Input} order. */
    static List<Entry> entries(HttpMessage message, VerificationPolicy policy) throws SignedCandidate.Rejection {
        String inputField = message.fields().combined("signature-input").orElse("");
        String signatureField = message.fields().combined("signature").orElse("");
        if (inputField.length() > policy.maxSignatureFieldLength()
                || signatureField.length() > policy.maxSignatureFieldLength()) {
            throw new SignedCandidate.Rejection(
                    MALFORMED_SIGNATURE,
                    "Signature-Input or Signature longer than " + policy.maxSignatureFieldLength() + " characters");
        }
        Dictionary inputs;
        Dictionary signatures;
        try {
            inputs = StructuredFields.parseDictionary(inputField);
            signatures = StructuredFields.parseDictionary(signatureField);
        } catch (StructuredFieldException e) {
            throw new SignedCandidate.Rejection(
                    MALFORMED_SIGNATURE,
                    "Signature-Input or Signature is not a structured-field dictionary: " + e.getMessage());
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, ListMember> input : inputs.asMap().entrySet()) {
            String label = input.getKey();
            if (!(input.getValue() instanceof InnerList)) {
                throw new SignedCandidate.Rejection(
                        MALFORMED_SIGNATURE, "Signature-Input " + label + " is not an inner list");
            }
            Optional<ListMember> signature = signatures.get(label);
            if (signature.isEmpty()) {
                continue;
            }
            if (!(signature.get() instanceof Item)
                    || !(((Item) signature.get()).value() instanceof BareItem.ByteSequence)) {
                throw new SignedCandidate.Rejection(
                        MALFORMED_SIGNATURE, "Signature " + label + " is not a byte sequence");
            }
            byte[] bytes = ((BareItem.ByteSequence) ((Item) signature.get()).value()).value();
            entries.add(new Entry(label, (InnerList) input.getValue(), bytes));
        }
        if (entries.isEmpty()) {
            throw new SignedCandidate.Rejection(MALFORMED_SIGNATURE, "no Signature-Input label has a Signature");
        }
        return entries;
    }

    /** Applies the request policy to one labelled signature of a request. */
    static SignedCandidate read(Entry entry, HttpMessage.Request request, byte[] body, VerificationPolicy policy)
            throws SignedCandidate.Rejection {
        Parameters params = entry.input().parameters();
        String keyId = stringParam(params, "keyid", entry.label())
                .orElseThrow(() -> new SignedCandidate.Rejection(
                        MALFORMED_SIGNATURE, "signature " + entry.label() + " has no keyid"));
        Optional<SignatureAlgorithm> algorithm = Optional.empty();
        Optional<String> alg = stringParam(params, "alg", entry.label());
        if (alg.isPresent()) {
            algorithm = Optional.of(SignatureAlgorithm.fromRfc9421Name(alg.get())
                    .orElseThrow(() ->
                            new SignedCandidate.Rejection(ALGORITHM_NOT_ALLOWED, "unknown algorithm " + alg.get())));
        }
        List<String> components = new ArrayList<>();
        List<String> plainFields = new ArrayList<>();
        for (Item item : entry.input().items()) {
            if (!(item.value() instanceof BareItem.String)) {
                throw new SignedCandidate.Rejection(
                        MALFORMED_SIGNATURE, "component " + item.serialize() + " is not a string");
            }
            String name = ((BareItem.String) item.value()).value();
            components.add(item.serialize());
            if (item.parameters().asMap().isEmpty()) {
                plainFields.add(name);
            }
        }
        Optional<Instant> created = intParam(params, "created").map(Instant::ofEpochSecond);
        Optional<Instant> expires = intParam(params, "expires").map(Instant::ofEpochSecond);
        if (policy.requireCoverage()) {
            boolean target = plainFields.contains("@target-uri")
                    || (plainFields.contains("@authority") || plainFields.contains("host"))
                            && (plainFields.contains("@request-target")
                                    || plainFields.contains("@path")
                                            && (request.targetUri().getRawQuery() == null
                                                    || plainFields.contains("@query")));
            require(plainFields.contains("@method"), "@method");
            require(target, "@target-uri (or @authority with @path and @query)");
            require(created.isPresent() || plainFields.contains("date"), "the created parameter or date");
        }
        if (created.isPresent()) {
            RequestChecks.checkWindow(created.get(), "created", policy);
        }
        if (expires.isPresent()) {
            RequestChecks.checkExpires(expires.get(), policy);
        }
        if (plainFields.contains("date")) {
            Instant date = RequestChecks.checkDate(request, policy);
            created = created.or(() -> Optional.of(date));
        }
        RequestChecks.checkDigests(request, body, plainFields, policy);
        byte[] base = base(entry, request, Optional.empty());
        return new SignedCandidate(
                SignatureSpec.RFC_9421,
                keyId,
                algorithm,
                components,
                created,
                Optional.of(entry.label()),
                entry.signature(),
                withoutQuery -> base,
                false);
    }

    /** The signature base of a labelled signature over {@code message}. */
    static byte[] base(Entry entry, HttpMessage message, Optional<HttpMessage.Request> related)
            throws SignedCandidate.Rejection {
        try {
            return SignatureBase.of(entry.input().items(), entry.input().parameters(), message, related)
                    .getBytes(StandardCharsets.ISO_8859_1);
        } catch (ComponentException e) {
            throw new SignedCandidate.Rejection(MISSING_HEADER, e.getMessage());
        }
    }

    private static Optional<String> stringParam(Parameters params, String name, String label)
            throws SignedCandidate.Rejection {
        Optional<BareItem> value = params.get(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof BareItem.String)) {
            throw new SignedCandidate.Rejection(
                    MALFORMED_SIGNATURE, name + " of signature " + label + " is not a string");
        }
        return Optional.of(((BareItem.String) value.get()).value());
    }

    private static Optional<Long> intParam(Parameters params, String name) throws SignedCandidate.Rejection {
        Optional<BareItem> value = params.get(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof BareItem.Integer)) {
            throw new SignedCandidate.Rejection(EXPIRED, name + " is not an integer timestamp");
        }
        return Optional.of(((BareItem.Integer) value.get()).value());
    }

    private static void require(boolean covered, String what) throws SignedCandidate.Rejection {
        if (!covered) {
            throw new SignedCandidate.Rejection(MISSING_COMPONENT, "the signature does not cover " + what);
        }
    }
}
