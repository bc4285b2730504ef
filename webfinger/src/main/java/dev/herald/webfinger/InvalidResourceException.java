package dev.herald.webfinger;

/**
 * A WebFinger resource or handle that cannot be parsed. The {@link #reason()} is safe to show to the remote client
 * (the server puts it in its 400 body): it never echoes the input.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidResourceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    /** @param reason what is wrong, for example {@code "unsupported scheme 'xmpp'"} */
    public InvalidResourceException(String reason) {
        super("invalid WebFinger resource: " + reason);
        this.reason = reason;
    }

    /** What is wrong with the resource, without the prefix of {@link #getMessage()}. */
    public String reason() {
        return reason;
    }
}
