package dev.herald.signatures;

/** A covered component could not be computed for a message: absent field, wrong message kind, bad parameter. */
final class ComponentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ComponentException(String message) {
        super(message, null, false, false);
    }
}
