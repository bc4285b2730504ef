package dev.herald.signatures.sfv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an Item or Inner List (RFC 9651 §3.1.2): an ordered map from key to {@link BareItem},
 * serialized {@code ;key=value}, or {@code ;key} when the value is Boolean true.
 *
 * <p>Keys start with a lowercase letter or {@code *}, followed by lowercase letters, digits, {@code _},
 * {@code -}, {@code .} and {@code *}. Putting a key that is already present replaces its value but keeps
 * its position, as RFC 9651 §4.2.3.2 does for duplicate keys. Two Parameters are equal when they hold the
 * same entries in the same order. Immutable and thread-safe.
 */
public final class Parameters {
    /** No parameters; serializes to the empty string. */
    public static final Parameters EMPTY = new Parameters(new LinkedHashMap<>());

    private final Map<String, BareItem> entries;

    private Parameters(LinkedHashMap<String, BareItem> owned) {
        this.entries = Collections.unmodifiableMap(owned);
    }

    /** Wraps a map the caller gives up and has already validated (the parser). */
    static Parameters adopt(LinkedHashMap<String, BareItem> owned) {
        return owned.isEmpty() ? EMPTY : new Parameters(owned);
    }

    /** One parameter. */
    public static Parameters of(String key, BareItem value) {
        return builder().put(key, value).build();
    }

    /** Two parameters, in this order. */
    public static Parameters of(String key1, BareItem value1, String key2, BareItem value2) {
        return builder().put(key1, value1).put(key2, value2).build();
    }

    /** Three parameters, in this order. */
    public static Parameters of(
            String key1, BareItem value1, String key2, BareItem value2, String key3, BareItem value3) {
        return builder().put(key1, value1).put(key2, value2).put(key3, value3).build();
    }

    /** The entries of a map, in its iteration order, each key checked. */
    public static Parameters copyOf(Map<String, ? extends BareItem> map) {
        Builder builder = builder();
        Check.notNull(map, "map").forEach(builder::put);
        return builder.build();
    }

    /** A builder that starts empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value of a key, if present. */
    public Optional<BareItem> get(String key) {
        return Optional.ofNullable(entries.get(Check.notNull(key, "key")));
    }

    /** The entries in order, as an unmodifiable map. */
    public Map<String, BareItem> asMap() {
        return entries;
    }

    /** Whether there are no parameters. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The number of parameters. */
    public int size() {
        return entries.size();
    }

    /**
     * These parameters with {@code key} set to {@code value}: appended when new, replaced in place when
     * present.
     */
    public Parameters with(String key, BareItem value) {
        return builder().putAll(this).put(key, value).build();
    }

    /** The RFC 9651 §4.1.1.2 serialization, e.g. {@code ;created=1618884473;keyid="k"}, or {@code ""}. */
    public String serialize() {
        if (entries.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    void appendTo(StringBuilder out) {
        for (Map.Entry<String, BareItem> entry : entries.entrySet()) {
            out.append(';').append(entry.getKey());
            if (!BareItem.Boolean.TRUE.equals(entry.getValue())) {
                out.append('=').append(entry.getValue().serialize());
            }
        }
    }

    /** Equal when the other holds equal entries in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Parameters that && OrderedMaps.sameEntriesInOrder(entries, that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** The entries, e.g. {@code Parameters{a=Integer[value=1]}}. */
    @Override
    public String toString() {
        return "Parameters" + entries;
    }

    /** Collects parameters in order. Not thread-safe; build once per instance you need. */
    public static final class Builder {
        private final LinkedHashMap<String, BareItem> entries = new LinkedHashMap<>();

        private Builder() {}

        /** Sets a parameter: appended when new, replaced in place when the key is already present. */
        public Builder put(String key, BareItem value) {
            entries.put(Chars.checkKey(key, "parameter key"), Check.notNull(value, "value"));
            return this;
        }

        /** Puts every entry of {@code parameters}, in order. */
        public Builder putAll(Parameters parameters) {
            entries.putAll(Check.notNull(parameters, "parameters").entries);
            return this;
        }

        /** The parameters put so far; the builder may be used further. */
        public Parameters build() {
            return adopt(new LinkedHashMap<>(entries));
        }
    }
}
