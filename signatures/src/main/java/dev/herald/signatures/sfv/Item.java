package dev.herald.signatures.sfv;

import java.math.BigDecimal;

/**
 * An Item (RFC 9651 §3.3): a {@link BareItem} with {@link Parameters}, such as {@code "@query-param";name="Pet"}.
 * It is the top-level type of an Item field and a member of Lists, Inner Lists and Dictionaries.
 * Immutable and thread-safe.
 *
 * @param value the bare item
 * @param parameters its parameters, {@link Parameters#EMPTY} when none
 */
public record Item(BareItem value, Parameters parameters) implements ListMember {

    /** Rejects nulls. */
    public Item {
        Check.notNull(value, "value");
        Check.notNull(parameters, "parameters");
    }

    /** An item without parameters. */
    public static Item of(BareItem value) {
        return new Item(value, Parameters.EMPTY);
    }

    /** An item with parameters. */
    public static Item of(BareItem value, Parameters parameters) {
        return new Item(value, parameters);
    }

    /** A String item, e.g. {@code Item.string("@method")}; printable ASCII only. */
    public static Item string(String value) {
        return of(new BareItem.String(value));
    }

    /** A Token item. */
    public static Item token(String value) {
        return of(new BareItem.Token(value));
    }

    /** An Integer item. */
    public static Item integer(long value) {
        return of(new BareItem.Integer(value));
    }

    /** A Decimal item, normalized as {@link BareItem.Decimal} describes. */
    public static Item decimal(BigDecimal value) {
        return of(new BareItem.Decimal(value));
    }

    /** A Byte Sequence item; the bytes are copied. */
    public static Item byteSequence(byte[] value) {
        return of(new BareItem.ByteSequence(value));
    }

    /** A Boolean item. */
    public static Item bool(boolean value) {
        return of(BareItem.Boolean.of(value));
    }

    /** A Date item, in seconds since the Unix epoch. */
    public static Item date(long epochSeconds) {
        return of(new BareItem.Date(epochSeconds));
    }

    /** A Display String item. */
    public static Item displayString(String value) {
        return of(new BareItem.DisplayString(value));
    }

    /** This item with other parameters. */
    public Item withParameters(Parameters parameters) {
        return new Item(value, parameters);
    }

    /** This item with one parameter set (appended when new, replaced in place when present). */
    public Item withParameter(String key, BareItem parameterValue) {
        return new Item(value, parameters.with(key, parameterValue));
    }

    /** The serialization, e.g. {@code "@query-param";name="Pet"}. */
    @Override
    public String serialize() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    void appendTo(StringBuilder out) {
        out.append(value.serialize());
        parameters.appendTo(out);
    }
}
