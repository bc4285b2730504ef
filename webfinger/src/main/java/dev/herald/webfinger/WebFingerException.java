package dev.herald.webfinger;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a WebFinger lookup failed. Each subtype is one kind of failure a caller may treat differently (a
 * {@link NotFound} handle is a normal answer; a {@link Timeout} may be retried later; a {@link RefusedAddress} is
 * a policy decision), and each message names the URL involved.
 *
 * <p>Immutable and thread-safe.
 */
public abstract sealed class WebFingerException extends Exception
        permits WebFingerException.NotFound,
                WebFingerException.InvalidJrd,
                WebFingerException.RefusedAddress,
                WebFingerException.Timeout,
                WebFingerException.TooManyRedirects,
                WebFingerException.TooLarge,
                WebFingerException.UnexpectedStatus,
                WebFingerException.Transport {
    private static final long serialVersionUID = 1L;

    private final URI uri;

    private WebFingerException(URI uri, String message, Throwable cause) {
        super(message, cause);
        this.uri = uri;
    }

    /** The URL that was being fetched when the lookup failed, if there was one. */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    /** The server answered 404 or 410 (and the host-meta fallback found nothing either). */
    public static final class NotFound extends WebFingerException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /**
         * @param uri the URL that answered
         * @param status 404, 410, or the status that ended the host-meta fallback
         * @param detail what else was tried, or null
         */
        public NotFound(URI uri, int status, String detail) {
            super(
                    uri,
                    "not found: " + uri + " answered HTTP " + status + (status == 410 ? " (gone)" : "")
                            + (detail == null ? "" : "; " + detail),
                    null);
            this.status = status;
        }

        /** The HTTP status of the answer. */
        public int status() {
            return status;
        }

        /** Whether the server said the account is gone for good (HTTP 410), as Mastodon distinguishes. */
        public boolean isGone() {
            return status == 410;
        }
    }

    /** The answer was not a usable JRD (not JSON, not an object, or a host-meta document without a template). */
    public static final class InvalidJrd extends WebFingerException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        /**
         * @param uri the URL that answered, or null when parsing a document that was not fetched
         * @param reason what is wrong with the document
         */
        public InvalidJrd(URI uri, String reason) {
            super(uri, "invalid JRD" + (uri == null ? "" : " from " + uri) + ": " + reason, null);
            this.reason = reason;
        }

        /** What is wrong with the document. */
        public String reason() {
            return reason;
        }
    }

    /** The {@link NetworkPolicy} refused the URL (a private address, a scheme not allowed), before connecting. */
    public static final class RefusedAddress extends WebFingerException {
        private static final long serialVersionUID = 1L;

        /** @param refusal the policy's refusal */
        public RefusedAddress(NetworkPolicy.Refused refusal) {
            super(refusal.uri(), "refused to fetch " + refusal.uri() + ": " + refusal.reason(), refusal);
        }
    }

    /** No complete answer arrived within the configured time (connecting, waiting for headers, or reading). */
    public static final class Timeout extends WebFingerException {
        private static final long serialVersionUID = 1L;

        /**
         * @param uri the URL being fetched
         * @param limit the time limit that passed
         * @param cause the HTTP client's exception, or null
         */
        public Timeout(URI uri, Duration limit, Throwable cause) {
            super(uri, "timed out after " + limit.toMillis() + " ms fetching " + uri, cause);
        }
    }

    /** The server redirected more often than allowed. */
    public static final class TooManyRedirects extends WebFingerException {
        private static final long serialVersionUID = 1L;

        /**
         * @param uri the URL that asked for one redirect too many
         * @param limit how many redirects were allowed
         */
        public TooManyRedirects(URI uri, int limit) {
            super(uri, "more than " + limit + " redirects; the last from " + uri, null);
        }
    }

    /** The answer was larger than the configured cap; reading stopped at the cap. */
    public static final class TooLarge extends WebFingerException {
        private static final long serialVersionUID = 1L;

        /**
         * @param uri the URL that answered
         * @param limit the cap in bytes
         */
        public TooLarge(URI uri, long limit) {
            super(uri, "response from " + uri + " is larger than " + limit + " bytes", null);
        }
    }

    /** The server answered with a status that is neither success, redirect, 404 nor 410. */
    public static final class UnexpectedStatus extends WebFingerException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /**
         * @param uri the URL that answered
         * @param status the HTTP status
         */
        public UnexpectedStatus(URI uri, int status) {
            super(uri, uri + " answered HTTP " + status, null);
            this.status = status;
        }

        /** The HTTP status of the answer. */
        public int status() {
            return status;
        }
    }

    /** The connection failed (DNS, refused connection, TLS, reset, malformed HTTP, interruption). */
    public static final class Transport extends WebFingerException {
        private static final long serialVersionUID = 1L;

        /**
         * @param uri the URL being fetched
         * @param detail what happened
         * @param cause the underlying exception, or null
         */
        public Transport(URI uri, String detail, Throwable cause) {
            super(uri, "could not fetch " + uri + ": " + detail, cause);
        }

        /**
         * @param uri the URL being fetched
         * @param cause the underlying exception
         */
        public Transport(URI uri, IOException cause) {
            this(uri, String.valueOf(cause), cause);
        }
    }
}
