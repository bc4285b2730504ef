package dev.herald.signatures.sfv;

import java.util.Arrays;
import java.util.List;

/**
 * An Inner List (RFC 9651 §3.1.1): Items in parentheses with parameters of its own, such as the RFC 9421
 * covered components {@code ("@method" "@path");created=1618884473}. Inner Lists do not nest. Immutable
 * and thread-safe.
 *
 * @param items the items, in order (copied; unmodifiable)
 * @param parameters the parameters of the whole list, {@link Parameters#EMPTY} when none
 */
public record InnerList(List<Item> items, Parameters parameters) implements ListMember {

    /** Copies the items and rejects nulls. */
    public InnerList {
        items = List.copyOf(Check.notNull(items, "items").stream()
                .map(item -> Check.notNull(item, "item"))
                .toList());
        Check.notNull(parameters, "parameters");
    }

    /** An inner list without parameters. */
    public static InnerList of(Item... items) {
        return new InnerList(Arrays.asList(Check.notNull(items, "items")), Parameters.EMPTY);
    }

    /** An inner list without parameters. */
    public static InnerList of(List<Item> items) {
        return new InnerList(items, Parameters.EMPTY);
    }

    /** This list with other parameters. */
    public InnerList withParameters(Parameters parameters) {
        return new InnerList(items, parameters);
    }

    /** This list with one parameter set (appended when new, replaced in place when present). */
    public InnerList withParameter(String key, BareItem value) {
        return new InnerList(items, parameters.with(key, value));
    }

    /** The serialization, e.g. {@code ("a" "b");p=1}. */
    @Override
    public String serialize() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    void appendTo(StringBuilder out) {
        out.append('(');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            items.get(i).appendTo(out);
        }
        out.append(')');
        parameters.appendTo(out);
    }
}
