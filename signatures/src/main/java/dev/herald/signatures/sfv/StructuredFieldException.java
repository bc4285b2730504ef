package dev.herald.signatures.sfv;

/**
 * A field value that is not a valid structured field (RFC 9651 §4.2). The message reads
 * {@code "<reason> at offset <n>"}, e.g. {@code "expected ',' or end of input at offset 12"}; the offset
 * is 0-based and counts characters of the (combined) field value given to the parser.
 *
 * <p>RFC 9651 asks a recipient to treat the whole field as absent when parsing fails; the caller decides
 * what that means (for RFC 9421: no signature). Immutable and thread-safe.
 */
public final class StructuredFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int offset;

    /**
     * Creates the exception.
     *
     * @param reason what is wrong, without the offset, e.g. {@code "expected ',' or end of input"}
     * @param offset the 0-based character offset where the parser gave up
     */
    public StructuredFieldException(String reason, int offset) {
        super(reason + " at offset " + offset);
        this.reason = reason;
        this.offset = offset;
    }

    /** What is wrong, without the offset. */
    public String reason() {
        return reason;
    }

    /** The 0-based character offset in the field value where the parser gave up. */
    public int offset() {
        return offset;
    }
}
