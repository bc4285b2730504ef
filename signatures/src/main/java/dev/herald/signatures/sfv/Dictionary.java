package dev.herald.signatures.sfv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Dictionary field value (RFC 9651 §3.2): an ordered map from key to {@link ListMember}, such as RFC 9421
 * {@code Signature-Input: sig1=("@method");created=1618884473}. A member whose value is Boolean true is
 * serialized by its key alone ({@code a} or {@code a;p=1}).
 *
 * <p>Keys follow the same rule as parameter keys. Putting a key that is already present replaces its
 * member but keeps its position, as RFC 9651 §4.2.2 does for duplicate keys. Two Dictionaries are equal
 * when they hold the same entries in the same order. Immutable and thread-safe.
 */
public final class Dictionary {
    /** The empty dictionary; it serializes to {@code ""}, and RFC 9651 says to omit such a field. */
    public static final Dictionary EMPTY = new Dictionary(new LinkedHashMap<>());

    private final Map<String, ListMember> entries;

    private Dictionary(LinkedHashMap<String, ListMember> owned) {
        this.entries = Collections.unmodifiableMap(owned);
    }

    /** Wraps a map the caller gives up and has already validated (the parser). */
    static Dictionary adopt(LinkedHashMap<String, ListMember> owned) {
        return owned.isEmpty() ? EMPTY : new Dictionary(owned);
    }

    /** One member. */
    public static Dictionary of(String key, ListMember member) {
        return builder().put(key, member).build();
    }

    /** Two members, in this order. */
    public static Dictionary of(String key1, ListMember member1, String key2, ListMember member2) {
        return builder().put(key1, member1).put(key2, member2).build();
    }

    /** The entries of a map, in its iteration order, each key checked. */
    public static Dictionary copyOf(Map<String, ? extends ListMember> map) {
        Builder builder = builder();
        Check.notNull(map, "map").forEach(builder::put);
        return builder.build();
    }

    /** A builder that starts empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** The member of a key, if present. */
    public Optional<ListMember> get(String key) {
        return Optional.ofNullable(entries.get(Check.notNull(key, "key")));
    }

    /** The entries in order, as an unmodifiable map. */
    public Map<String, ListMember> asMap() {
        return entries;
    }

    /** Whether there are no members. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The number of members. */
    public int size() {
        return entries.size();
    }

    /**
     * This dictionary with {@code key} set to {@code member}: appended when new, replaced in place when
     * present.
     */
    public Dictionary with(String key, ListMember member) {
        return builder().putAll(this).put(key, member).build();
    }

    /**
     * The RFC 9651 §4.1.2 serialization, e.g. {@code a=1, b, c;p=?0}; {@code ""} for the empty dictionary,
     * which should not be sent at all.
     */
    public String serialize() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, ListMember> entry : entries.entrySet()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(entry.getKey());
            ListMember member = entry.getValue();
            if (member instanceof Item item && BareItem.Boolean.TRUE.equals(item.value())) {
                item.parameters().appendTo(out);
            } else {
                out.append('=').append(member.serialize());
            }
        }
        return out.toString();
    }

    /** Equal when the other holds equal entries in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Dictionary that && OrderedMaps.sameEntriesInOrder(entries, that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** The entries, e.g. {@code Dictionary{a=Item[value=Integer[value=1], parameters=Parameters{}]}}. */
    @Override
    public String toString() {
        return "Dictionary" + entries;
    }

    /** Collects members in order. Not thread-safe; build once per instance you need. */
    public static final class Builder {
        private final LinkedHashMap<String, ListMember> entries = new LinkedHashMap<>();

        private Builder() {}

        /** Sets a member: appended when new, replaced in place when the key is already present. */
        public Builder put(String key, ListMember member) {
            entries.put(Chars.checkKey(key, "dictionary key"), Check.notNull(member, "member"));
            return this;
        }

        /** Puts every entry of {@code dictionary}, in order. */
        public Builder putAll(Dictionary dictionary) {
            entries.putAll(Check.notNull(dictionary, "dictionary").entries);
            return this;
        }

        /** The dictionary put so far; the builder may be used further. */
        public Dictionary build() {
            return adopt(new LinkedHashMap<>(entries));
        }
    }
}
