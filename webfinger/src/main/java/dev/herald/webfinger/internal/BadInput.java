package dev.herald.webfinger.internal;

/**
 * Input that cannot be parsed, with a reason a log reader (or the remote client, in a 400 body) understands.
 * Internal: callers in the API package translate it into their own public exception.
 */
public final class BadInput extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong with the input, without echoing large or binary input */
    public BadInput(String reason) {
        super(reason, null, false, false);
    }

    /** What is wrong with the input. */
    public String reason() {
        return getMessage();
    }
}
