package dev.herald.core.store;

/**
 * A store could not do what it was asked: the database refused, was unreachable, or a schema could not be
 * brought up to date. Unchecked: callers rarely can do more than log and retry later. The message says what
 * failed (the operation and, for SQL errors, the SQL state); it never contains connection URLs or
 * credentials. Immutable.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message saying what failed and the underlying cause. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure with a message saying what failed. */
    public StoreException(String message) {
        super(message);
    }
}
