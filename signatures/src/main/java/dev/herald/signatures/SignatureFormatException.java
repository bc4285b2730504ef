package dev.herald.signatures;

/** A signature field could not be parsed. The message says what was wrong and where. */
public final class SignatureFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A parse failure with a reason. */
    public SignatureFormatException(String message) {
        super(message);
    }
}
