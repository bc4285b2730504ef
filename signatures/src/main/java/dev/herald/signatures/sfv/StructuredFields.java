package dev.herald.signatures.sfv;

import java.util.List;

/**
 * The front door to Structured Field Values (RFC 9651): parse a field value as an Item, a List or a
 * Dictionary, or serialize one. The field's definition says which of the three it is; RFC 9421 {@code
 * Signature-Input} and {@code Signature} are Dictionaries.
 *
 * <p>Parsing is strict, as RFC 9651 §4.2 requires: anything malformed throws {@link
 * StructuredFieldException}, and the recipient should then ignore the whole field. Leniencies the RFC asks
 * for: leading and trailing spaces around the field, optional whitespace around commas, leading zeros
 * in numbers, and byte sequences whose {@code =} padding is missing or does not match the length (at most
 * two {@code =}, only at the end) or whose pad bits are not zero. Duplicate
 * dictionary and parameter keys keep the last value at the first key's position.
 *
 * <p>Stateless and thread-safe.
 */
public final class StructuredFields {
    private StructuredFields() {}

    /**
     * Parses an Item field value, e.g. {@code 42;unit=s}.
     *
     * @throws StructuredFieldException when the value is not a valid Item, including when it is empty
     */
    public static Item parseItem(String fieldValue) {
        return Parser.parseItem(fieldValue);
    }

    /**
     * Parses an Item field sent as several field lines, joined with {@code ", "} first (RFC 9651 §4.2), so
     * more than one line is an error unless a String or Display String spans them.
     *
     * @throws StructuredFieldException when the combined value is not a valid Item
     */
    public static Item parseItem(List<String> fieldLines) {
        return Parser.parseItem(combine(fieldLines));
    }

    /**
     * Parses a List field value, e.g. {@code sugar, tea;q=0.5, (a b)}. An empty value is the empty list.
     *
     * @throws StructuredFieldException when the value is not a valid List
     */
    public static SfList parseList(String fieldValue) {
        return Parser.parseList(fieldValue);
    }

    /**
     * Parses a List field sent as several field lines, joined with {@code ", "} first (RFC 9651 §4.2). No
     * lines at all is the empty list; an empty line among others is an error (an empty member).
     *
     * @throws StructuredFieldException when the combined value is not a valid List
     */
    public static SfList parseList(List<String> fieldLines) {
        return Parser.parseList(combine(fieldLines));
    }

    /**
     * Parses a Dictionary field value, e.g. {@code sig1=("@method");created=1618884473, b}. An empty
     * value is the empty dictionary.
     *
     * @throws StructuredFieldException when the value is not a valid Dictionary
     */
    public static Dictionary parseDictionary(String fieldValue) {
        return Parser.parseDictionary(fieldValue);
    }

    /**
     * Parses a Dictionary field sent as several field lines, joined with {@code ", "} first (RFC 9651
     * §4.2). No lines at all is the empty dictionary.
     *
     * @throws StructuredFieldException when the combined value is not a valid Dictionary
     */
    public static Dictionary parseDictionary(List<String> fieldLines) {
        return Parser.parseDictionary(combine(fieldLines));
    }

    /** Same as {@link Item#serialize()}. */
    public static String serialize(Item item) {
        return Check.notNull(item, "item").serialize();
    }

    /** Same as {@link SfList#serialize()}; {@code ""} for the empty list, which should not be sent. */
    public static String serialize(SfList list) {
        return Check.notNull(list, "list").serialize();
    }

    /** Same as {@link Dictionary#serialize()}; {@code ""} for the empty dictionary, which should not be sent. */
    public static String serialize(Dictionary dictionary) {
        return Check.notNull(dictionary, "dictionary").serialize();
    }

    // RFC 9110 §5.3 via RFC 9651 §4.2: combine field lines with a comma and a space.
    private static String combine(List<String> fieldLines) {
        Check.notNull(fieldLines, "fieldLines");
        fieldLines.forEach(line -> Check.notNull(line, "field line"));
        return String.join(", ", fieldLines);
    }
}
