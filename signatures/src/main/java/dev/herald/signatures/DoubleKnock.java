package dev.herald.signatures;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "Double-knocking": sign a request per one specification, and if the host refuses it (400, 401, 403,
 * 404 or 410, which is how servers answer a signature they do not understand), sign it again per the
 * other; remember per host what worked, so the next request to that host knocks once.
 *
 * <p>Transport-neutral: the caller sends each {@link Attempt} and reports the status:
 *
 * <pre>{@code
 * DoubleKnock.Attempt attempt = knock.first(request, body);
 * int status = send(attempt.request(), body);
 * Optional<DoubleKnock.Attempt> retry = knock.after(attempt, status, request, body);
 * if (retry.isPresent()) status = send(retry.get().request(), body), knock.after(retry.get(), status, request, body);
 * }</pre>
 *
 * <p>Immutable and thread-safe if the {@link SpecMemory} is.
 */
public final class DoubleKnock {
    private static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 410);

    private final CavageSigner cavage;
    private final Rfc9421Signer rfc9421;
    private final SpecMemory memory;
    private final SignatureSpec firstChoice;

    private DoubleKnock(CavageSigner cavage, Rfc9421Signer rfc9421, SpecMemory memory, SignatureSpec firstChoice) {
        this.cavage = Objects.requireNonNull(cavage, "cavage");
        this.rfc9421 = Objects.requireNonNull(rfc9421, "rfc9421");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.firstChoice = Objects.requireNonNull(firstChoice, "firstChoice");
    }

    /**
     * A double-knock that tries {@code firstChoice} with hosts it knows nothing about.
     *
     * @param cavage the draft-cavage signer
     * @param rfc9421 the RFC 9421 signer
     * @param memory where to remember what each host accepted
     * @param firstChoice the specification to try first with an unknown host
     */
    public static DoubleKnock of(
            CavageSigner cavage, Rfc9421Signer rfc9421, SpecMemory memory, SignatureSpec firstChoice) {
        return new DoubleKnock(cavage, rfc9421, memory, firstChoice);
    }

    /** A double-knock with both signers for {@code key}, an in-memory memory, RFC 9421 first (as Fedify). */
    public static DoubleKnock of(SigningKey key) {
        return of(CavageSigner.of(key), Rfc9421Signer.of(key), SpecMemory.inMemory(), SignatureSpec.RFC_9421);
    }

    /**
     * One signed try.
     *
     * @param spec the specification it is signed with
     * @param request the signed request to send
     * @param tried every specification tried so far for this request, this one included
     */
    public record Attempt(SignatureSpec spec, HttpMessage.Request request, Set<SignatureSpec> tried) {
        /** Copies the set. */
        public Attempt {
            tried = Set.copyOf(tried);
        }
    }

    /** The first try for {@code request}: the host's remembered specification, else the first choice. */
    public Attempt first(HttpMessage.Request request, byte[] body) {
        SignatureSpec spec = memory.accepted(host(request)).orElse(firstChoice);
        return new Attempt(spec, sign(spec, request, body), EnumSet.of(spec));
    }

    /**
     * Records the answer to {@code attempt} and says whether to knock again.
     *
     * @param status the HTTP status the host answered
     * @param request the unsigned request, as given to {@link #first}
     * @return the next try (the other specification) when the host refused a specification not yet tried;
     *     empty when the answer is final (success, a non-signature error, or both tried)
     */
    public Optional<Attempt> after(Attempt attempt, int status, HttpMessage.Request request, byte[] body) {
        String host = host(request);
        if (status >= 200 && status < 300) {
            memory.remember(host, attempt.spec());
            return Optional.empty();
        }
        SignatureSpec other = attempt.spec().other();
        if (!REFUSALS.contains(status) || attempt.tried().contains(other)) {
            return Optional.empty();
        }
        Set<SignatureSpec> tried = EnumSet.copyOf(attempt.tried());
        tried.add(other);
        return Optional.of(new Attempt(other, sign(other, request, body), tried));
    }

    private HttpMessage.Request sign(SignatureSpec spec, HttpMessage.Request request, byte[] body) {
        return spec == SignatureSpec.RFC_9421 ? rfc9421.sign(request, body) : cavage.sign(request, body);
    }

    private static String host(HttpMessage.Request request) {
        return request.authority();
    }
}
