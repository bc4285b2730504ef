package dev.herald.webfinger.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses a raw (still percent-encoded) URI query into parameters. Stateless, thread-safe. */
public final class QueryString {
    private QueryString() {}

    /**
     * Splits {@code a=1&b=2&b=3} into names and values, percent-decoding both as UTF-8. A {@code +} stays a plus
     * (RFC 3986; RFC 7033 §4.1 asks for percent-encoding). Empty pairs are skipped; a name without {@code =} has
     * the empty value.
     *
     * @throws BadInput on control characters, malformed percent-encoding, or bytes that are not UTF-8
     */
    public static Map<String, List<String>> parse(String rawQuery) throws BadInput {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new BadInput("the query contains control characters");
            }
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = Percent.decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : Percent.decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(parameters);
    }
}
