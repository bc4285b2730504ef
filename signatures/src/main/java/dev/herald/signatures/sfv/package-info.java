/**
 * Structured Field Values for HTTP (RFC 9651, which obsoletes RFC 8941): parse and serialize the Items,
 * Lists and Dictionaries that RFC 9421 {@code Signature-Input}, {@code Signature} and RFC 9530
 * {@code Content-Digest} are made of.
 *
 * <p>The front door is {@link dev.herald.signatures.sfv.StructuredFields}. Every value type here is
 * immutable and thread-safe; every value serializes itself canonically with {@code serialize()}.
 * Malformed input raises {@link dev.herald.signatures.sfv.StructuredFieldException}, never another
 * exception, and parsing is linear in the length of the input.
 */
package dev.herald.signatures.sfv;
