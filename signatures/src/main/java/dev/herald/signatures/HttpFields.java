package dev.herald.signatures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The header (or trailer) fields of an HTTP message: an ordered list of field lines whose names are
 * compared case-insensitively, as HTTP does.
 *
 * <p>Values are kept exactly as received, one entry per field line; {@link #combined(String)} gives the
 * value that HTTP Message Signatures sign (each line trimmed, joined with {@code ", "}). Names must be
 * HTTP tokens and values may not contain CR, LF or NUL, so a value taken from here can never smuggle a
 * second header into a request.
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpFields {
    private static final HttpFields EMPTY = new HttpFields(List.of());

    private final List<Map.Entry<String, String>> lines;

    private HttpFields(List<Map.Entry<String, String>> lines) {
        this.lines = lines;
    }

    /** No fields. */
    public static HttpFields empty() {
        return EMPTY;
    }

    /**
     * Fields from alternating names and values: {@code HttpFields.of("Host", "example.org", "Date", "…")}.
     *
     * @throws IllegalArgumentException if the count is odd or a name or value is invalid
     */
    public static HttpFields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("namesAndValues: expected name/value pairs, got an odd count");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** A builder for fields, in the order they are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every field line's value for {@code name} (any case), in order; empty if there is none. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>(2);
        for (Map.Entry<String, String> line : lines) {
            if (line.getKey().equalsIgnoreCase(name)) {
                values.add(line.getValue());
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** The first value for {@code name}, if any. */
    public Optional<String> first(String name) {
        for (Map.Entry<String, String> line : lines) {
            if (line.getKey().equalsIgnoreCase(name)) {
                return Optional.of(line.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The canonical value of {@code name} (RFC 9421 §2.1): each field line's value with leading and trailing
     * whitespace removed, the lines joined with {@code ", "}; empty if the field is absent.
     */
    public Optional<String> combined(String name) {
        String single = null;
        StringBuilder combined = null;
        for (Map.Entry<String, String> line : lines) {
            if (line.getKey().equalsIgnoreCase(name)) {
                String value = trimOws(line.getValue());
                if (single == null && combined == null) {
                    single = value; // the usual case: one line, no copy
                } else {
                    if (combined == null) {
                        combined = new StringBuilder(single);
                        single = null;
                    }
                    combined.append(", ").append(value);
                }
            }
        }
        return combined != null ? Optional.of(combined.toString()) : Optional.ofNullable(single);
    }

    /** Whether at least one field line has this name (any case). */
    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** These fields with one more line at the end. */
    public HttpFields with(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(lines.size() + 1);
        copy.addAll(lines);
        copy.add(line(name, value));
        return new HttpFields(Collections.unmodifiableList(copy));
    }

    /** These fields with every line named {@code name} removed and one line {@code name: value} added. */
    public HttpFields replacing(String name, String value) {
        return without(name).with(name, value);
    }

    /** These fields without the lines named {@code name}. */
    public HttpFields without(String name) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(lines.size());
        for (Map.Entry<String, String> line : lines) {
            if (!line.getKey().equalsIgnoreCase(name)) {
                copy.add(line);
            }
        }
        return copy.size() == lines.size() ? this : new HttpFields(Collections.unmodifiableList(copy));
    }

    /** The field lines in order, each as (name as given, value as given). */
    public List<Map.Entry<String, String>> lines() {
        return lines;
    }

    /** Calls {@code action} with each field line's name and value, in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (Map.Entry<String, String> line : lines) {
            action.accept(line.getKey(), line.getValue());
        }
    }

    /** Whether there are no field lines. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpFields && ((HttpFields) other).lines.equals(lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> line : lines) {
            text.append(line.getKey()).append(": ").append(line.getValue()).append('\n');
        }
        return text.toString();
    }

    static String trimOws(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isOws(value.charAt(start))) {
            start++;
        }
        while (end > start && isOws(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    private static Map.Entry<String, String> line(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("field name is not an HTTP token: " + name.toLowerCase(Locale.ROOT));
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("value of field " + name + " contains CR, LF or NUL");
            }
        }
        return Map.entry(name, value);
    }

    static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** Collects field lines in order. Not thread-safe; {@link #build()} gives an immutable result. */
    public static final class Builder {
        private final List<Map.Entry<String, String>> lines = new ArrayList<>();

        private Builder() {}

        /** Appends a field line. */
        public Builder add(String name, String value) {
            lines.add(line(name, value));
            return this;
        }

        /** Appends every line of {@code fields}. */
        public Builder addAll(HttpFields fields) {
            lines.addAll(fields.lines);
            return this;
        }

        /** The fields added so far. */
        public HttpFields build() {
            return lines.isEmpty() ? EMPTY : new HttpFields(List.copyOf(lines));
        }
    }
}
