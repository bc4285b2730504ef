package dev.herald.signatures.sfv;

import java.util.Arrays;
import java.util.List;

/**
 * A List field value (RFC 9651 §3.1): Items and Inner Lists, serialized comma-separated. Immutable and
 * thread-safe.
 *
 * @param members the members, in order (copied; unmodifiable)
 */
public record SfList(List<ListMember> members) {

    /** The empty list; it serializes to {@code ""}, and RFC 9651 says to omit such a field. */
    public static final SfList EMPTY = new SfList(List.of());

    /** Copies the members and rejects nulls. */
    public SfList {
        members = List.copyOf(Check.notNull(members, "members").stream()
                .map(member -> Check.notNull(member, "member"))
                .toList());
    }

    /** A list of these members. */
    public static SfList of(ListMember... members) {
        return new SfList(Arrays.asList(Check.notNull(members, "members")));
    }

    /** Whether there are no members. */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * The serialization, e.g. {@code sugar, tea, rum}; {@code ""} for the empty list, which RFC 9651
     * §4.1.1 says not to send at all.
     */
    public String serialize() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(members.get(i).serialize());
        }
        return out.toString();
    }
}
