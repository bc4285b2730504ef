package dev.herald.core.inbox;

import dev.herald.core.http.HeraldResponse;
import dev.herald.core.internal.Checks;
import dev.herald.core.internal.http.Json;
import dev.herald.core.internal.http.Responses;
import java.time.Duration;
import java.util.Optional;

/**
 * What the inbox answered a POST, and why: the status, a reason a program can test and a sentence a log reader
 * understands. {@link #toResponse()} turns it into the HTTP answer ({@code {"error": …}} for refusals, as
 * Mastodon writes them). Immutable and thread-safe.
 *
 * @param status the HTTP status
 * @param outcome why
 * @param detail the sentence
 * @param retryAfter for 429, when to try again
 */
public record InboxReply(int status, Outcome outcome, String detail, Optional<Duration> retryAfter) {

    /** What happened to a POST. */
    public enum Outcome {
        /** Stored for processing (202). */
        ACCEPTED,
        /** Received before (same activity id): nothing stored again (202). */
        DUPLICATE,
        /**
         * Accepted without storing: the self-deletion (or self-update) of an actor Herald keeps nothing about, or
         * the self-deletion of one whose key is gone (202).
         */
        DELETION_ACKNOWLEDGED,
        /** The body is larger than the limit (413). */
        TOO_LARGE,
        /** The content type is not ActivityPub JSON (415). */
        WRONG_CONTENT_TYPE,
        /** The body is not a readable activity (400). */
        MALFORMED,
        /** The HTTP signature is missing or does not verify (401, or 400 for a malformed digest). */
        BAD_SIGNATURE,
        /** The key that signed is not the activity's actor's (401). */
        SIGNER_NOT_ACTOR,
        /** The server or actor is blocked (403). */
        BLOCKED,
        /** The server sent too much lately (429). */
        RATE_LIMITED,
        /** The store could not take it now (503); the sender should retry. */
        UNAVAILABLE
    }

    /** Checks the parts. */
    public InboxReply {
        Checks.notNull(outcome, "outcome");
        Checks.notNull(detail, "detail");
        Checks.notNull(retryAfter, "retryAfter");
    }

    static InboxReply of(int status, Outcome outcome, String detail) {
        return new InboxReply(status, outcome, detail, Optional.empty());
    }

    /** Whether the activity was taken (2xx). */
    public boolean isAccepted() {
        return status >= 200 && status < 300;
    }

    /** The HTTP answer: a JSON body with {@code error} (refusals, as Mastodon writes them) or {@code status}. */
    public HeraldResponse toResponse() {
        HeraldResponse answer = Responses.error(status, detail, false);
        if (isAccepted()) {
            answer = new HeraldResponse(status, answer.headers(), Json.member("status", detail));
        }
        if (retryAfter.isPresent()) {
            long seconds = Math.max(1, (retryAfter.get().toMillis() + 999) / 1000);
            answer = new HeraldResponse(
                    status, answer.headers().with("Retry-After", Long.toString(seconds)), answer.body());
        }
        return answer;
    }
}
