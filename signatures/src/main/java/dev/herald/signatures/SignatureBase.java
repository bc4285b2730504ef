package dev.herald.signatures;

import dev.herald.signatures.sfv.BareItem;
import dev.herald.signatures.sfv.Dictionary;
import dev.herald.signatures.sfv.InnerList;
import dev.herald.signatures.sfv.Item;
import dev.herald.signatures.sfv.ListMember;
import dev.herald.signatures.sfv.Parameters;
import dev.herald.signatures.sfv.StructuredFieldException;
import dev.herald.signatures.sfv.StructuredFields;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The RFC 9421 signature base (§2.5) and the component values it is made of (§2.1 fields, §2.2 derived
 * components). Stateless.
 */
final class SignatureBase {
    /** Field types for {@code ;sf} (RFC 9421 §2.1.1 needs the type; RFC 9651 and the registries give it). */
    private static final Map<String, String> STRUCTURED_TYPES = Map.ofEntries(
            Map.entry("signature-input", "dictionary"),
            Map.entry("signature", "dictionary"),
            Map.entry("accept-signature", "dictionary"),
            Map.entry("content-digest", "dictionary"),
            Map.entry("repr-digest", "dictionary"),
            Map.entry("want-content-digest", "dictionary"),
            Map.entry("want-repr-digest", "dictionary"),
            Map.entry("priority", "dictionary"),
            Map.entry("cdn-cache-control", "dictionary"),
            Map.entry("cache-status", "list"),
            Map.entry("proxy-status", "list"),
            Map.entry("accept-ch", "list"),
            Map.entry("client-cert", "item"));

    private SignatureBase() {}

    /**
     * The signature base for {@code components} with signature parameters {@code params}.
     *
     * @param related the request a response answers, for components with {@code ;req}
     * @throws ComponentException if a component cannot be computed for this message
     */
    static String of(
            List<Item> components, Parameters params, HttpMessage message, Optional<HttpMessage.Request> related) {
        StringBuilder base = new StringBuilder(512);
        Set<String> seen = new HashSet<>();
        for (Item component : components) {
            String identifier = component.serialize();
            if (!seen.add(identifier)) {
                throw new ComponentException("component " + identifier + " is covered twice");
            }
            base.append(identifier).append(": ");
            base.append(value(component, message, related)).append('\n');
        }
        base.append("\"@signature-params\": ").append(new InnerList(components, params).serialize());
        return base.toString();
    }

    /** One component's value (RFC 9421 §2.1, §2.2). */
    static String value(Item component, HttpMessage message, Optional<HttpMessage.Request> related) {
        if (!(component.value() instanceof BareItem.String)) {
            throw new ComponentException("component identifier is not a string: " + component.serialize());
        }
        String name = ((BareItem.String) component.value()).value();
        Parameters params = component.parameters();
        HttpMessage source = message;
        if (params.get("req").isPresent()) {
            if (!(message instanceof HttpMessage.Response)) {
                throw new ComponentException(name + ";req is only meaningful on a response");
            }
            source = related.orElseThrow(
                    () -> new ComponentException(name + ";req needs the request that the response answers"));
        }
        return name.startsWith("@") ? derived(name, params, source) : field(name, params, source);
    }

    private static String derived(String name, Parameters params, HttpMessage message) {
        for (String key : params.asMap().keySet()) {
            if (!key.equals("req") && !(key.equals("name") && name.equals("@query-param"))) {
                throw new ComponentException("parameter " + key + " is not allowed on " + name);
            }
        }
        if (name.equals("@status")) {
            if (!(message instanceof HttpMessage.Response)) {
                throw new ComponentException("@status is only defined for responses");
            }
            return String.valueOf(((HttpMessage.Response) message).status());
        }
        if (!(message instanceof HttpMessage.Request)) {
            throw new ComponentException(name + " is only defined for requests");
        }
        HttpMessage.Request request = (HttpMessage.Request) message;
        switch (name) {
            case "@method":
                return request.method();
            case "@target-uri":
                return targetUri(request);
            case "@authority":
                return request.authority();
            case "@scheme":
                return request.targetUri().getScheme().toLowerCase(Locale.ROOT);
            case "@request-target":
                return request.requestTarget();
            case "@path":
                return request.path();
            case "@query":
                return "?"
                        + Optional.ofNullable(request.targetUri().getRawQuery()).orElse("");
            case "@query-param":
                return queryParam(request, params);
            default:
                throw new ComponentException("unknown derived component " + name);
        }
    }

    private static String targetUri(HttpMessage.Request request) {
        String query = request.targetUri().getRawQuery();
        return request.targetUri().getScheme().toLowerCase(Locale.ROOT) + "://"
                + request.targetUri().getRawAuthority() + request.path() + (query == null ? "" : "?" + query);
    }

    private static String queryParam(HttpMessage.Request request, Parameters params) {
        BareItem nameItem =
                params.get("name").orElseThrow(() -> new ComponentException("@query-param needs a name parameter"));
        if (!(nameItem instanceof BareItem.String)) {
            throw new ComponentException("@query-param name must be a string");
        }
        String wanted = ((BareItem.String) nameItem).value();
        String query = request.targetUri().getRawQuery();
        String found = null;
        if (query != null) {
            for (String pair : query.split("&", -1)) {
                int equals = pair.indexOf('=');
                String rawName = equals < 0 ? pair : pair.substring(0, equals);
                String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
                if (reencode(rawName).equals(wanted)) {
                    if (found != null) {
                        // RFC 9421 §2.2.8: a repeated parameter cannot be covered by name.
                        throw new ComponentException("query parameter " + wanted + " occurs more than once");
                    }
                    found = reencode(rawValue);
                }
            }
        }
        if (found == null) {
            throw new ComponentException("query parameter " + wanted + " is absent");
        }
        return found;
    }

    /**
     * Decodes an {@code application/x-www-form-urlencoded} name or value and percent-encodes it again with
     * that format's set, spaces as {@code %20} (RFC 9421 §2.2.8).
     */
    static String reencode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        byte[] input = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < input.length; i++) {
            byte b = input[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%' && i + 2 < input.length && hex(input[i + 1]) >= 0 && hex(input[i + 2]) >= 0) {
                bytes.write(hex(input[i + 1]) * 16 + hex(input[i + 2]));
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        StringBuilder out = new StringBuilder();
        for (byte b : bytes.toByteArray()) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '*'
                    || c == '-'
                    || c == '.'
                    || c == '_') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static int hex(byte b) {
        return Character.digit((char) (b & 0xff), 16);
    }

    private static String field(String name, Parameters params, HttpMessage message) {
        if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
            throw new ComponentException("field component names must be lower case: " + name);
        }
        for (String key : params.asMap().keySet()) {
            if (!Set.of("sf", "key", "bs", "req", "tr").contains(key)) {
                throw new ComponentException("unknown component parameter " + key + " on " + name);
            }
        }
        boolean sf = params.get("sf").isPresent();
        boolean bs = params.get("bs").isPresent();
        Optional<BareItem> key = params.get("key");
        if (bs && (sf || key.isPresent())) {
            throw new ComponentException("bs cannot be combined with sf or key on " + name);
        }
        HttpFields fields = params.get("tr").isPresent() ? message.trailers() : message.fields();
        List<String> lines = fields.values(name);
        if (lines.isEmpty()) {
            throw new ComponentException("covered field " + name + " is absent");
        }
        if (bs) {
            List<String> wrapped = new ArrayList<>(lines.size());
            for (String line : lines) {
                byte[] raw = HttpFields.trimOws(line).getBytes(StandardCharsets.ISO_8859_1);
                wrapped.add(":" + Base64.getEncoder().encodeToString(raw) + ":");
            }
            return String.join(", ", wrapped);
        }
        String combined = fields.combined(name).orElseThrow();
        try {
            if (key.isPresent()) {
                if (!(key.get() instanceof BareItem.String)) {
                    throw new ComponentException("key parameter of " + name + " must be a string");
                }
                String member = ((BareItem.String) key.get()).value();
                Dictionary dictionary = StructuredFields.parseDictionary(combined);
                ListMember value = dictionary
                        .get(member)
                        .orElseThrow(() -> new ComponentException(name + " has no member " + member));
                return value.serialize();
            }
            if (sf) {
                return reserialize(name, combined);
            }
        } catch (StructuredFieldException e) {
            throw new ComponentException(name + " is not a valid structured field: " + e.getMessage());
        }
        return combined;
    }

    private static String reserialize(String name, String value) {
        String type = STRUCTURED_TYPES.get(name);
        if ("dictionary".equals(type)) {
            return StructuredFields.parseDictionary(value).serialize();
        }
        if ("list".equals(type)) {
            return StructuredFields.parseList(value).serialize();
        }
        if ("item".equals(type)) {
            return StructuredFields.parseItem(value).serialize();
        }
        // Unregistered field: the most specific structure that parses. Where two parse, both serialise alike.
        try {
            return StructuredFields.parseDictionary(value).serialize();
        } catch (StructuredFieldException notDictionary) {
            try {
                return StructuredFields.parseList(value).serialize();
            } catch (StructuredFieldException notList) {
                return StructuredFields.parseItem(value).serialize();
            }
        }
    }
}
