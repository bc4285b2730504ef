package dev.herald.core.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the request a {@link HostileCase} describes and signs it as the case says, at replay time so that dates
 * are fresh. The signatures are made here, by hand, not with Herald's signers: a case may name any algorithm, cover
 * any headers, sign values other than those sent, or sign with a public key as an HMAC secret.
 *
 * @param method the method
 * @param target the request target (path and query), as sent
 * @param headers the header lines, in order
 * @param body the body
 */
record CaseRequest(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** A key a case may sign with: a private key, or an HMAC secret. */
    record SigningMaterial(PrivateKey privateKey, byte[] secret) {}

    /**
     * The request of {@code c}, whose placeholders are filled.
     *
     * @param site the origin the site is reached at, {@code http://127.0.0.1:PORT}
     * @param keys the keys by name ({@code alice}, {@code stranger}, …)
     */
    static CaseRequest of(HostileCase c, URI site, Map<String, SigningMaterial> keys, Instant now) {
        JsonObject spec = c.spec();
        String method = spec.getString("method", "POST");
        String target = spec.getString("target", "/ap/actors/news/inbox");
        byte[] body = body(spec);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", site.getAuthority());
        if (method.equals("POST")) {
            headers.put("Content-Type", "application/activity+json");
        }
        apply(headers, spec.getJsonObject("headers"));
        JsonObject sign = spec.getJsonObject("sign");
        if (sign != null) {
            sign(sign, method, site, target, body, headers, keys, now);
            apply(headers, sign.getJsonObject("after"));
        }
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        headers.forEach((k, v) -> lines.add(Map.entry(k, v)));
        return new CaseRequest(method, target, lines, body);
    }

    /** Sets or (with {@code null}) removes headers. */
    private static void apply(Map<String, String> headers, JsonObject changes) {
        if (changes == null) {
            return;
        }
        changes.forEach((name, value) -> {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            if (value.getValueType() != JsonValue.ValueType.NULL) {
                headers.put(name, ((JsonString) value).getString());
            }
        });
    }

    // ---- bodies

    private static byte[] body(JsonObject spec) {
        byte[] body;
        if (spec.containsKey("activity")) {
            body = write(spec.getJsonObject("activity")).getBytes(StandardCharsets.UTF_8);
        } else if (spec.containsKey("bodyText")) {
            body = spec.getString("bodyText").getBytes(StandardCharsets.UTF_8);
        } else {
            body = new byte[0];
        }
        JsonObject generate = spec.getJsonObject("generate");
        if (generate != null) {
            body = replace(body, "\"@@GENERATED@@\"", generated(generate, body.length));
        }
        JsonObject bytes = spec.getJsonObject("replaceBytes");
        if (bytes != null) {
            for (Map.Entry<String, JsonValue> e : bytes.entrySet()) {
                body = replace(body, e.getKey(), HexFormat.of().parseHex(((JsonString) e.getValue()).getString()));
            }
        }
        return body;
    }

    private static String write(JsonObject json) {
        StringWriter out = new StringWriter();
        Json.createWriter(out).writeObject(json);
        return out.toString();
    }

    /** The value that replaces {@code "@@GENERATED@@"}: a nesting bomb, a huge string or array, or padding. */
    private static byte[] generated(JsonObject g, int around) {
        String kind = g.getString("kind");
        int n = g.getInt("size");
        StringBuilder s = new StringBuilder();
        switch (kind) {
            case "nested-arrays" -> s.append("[".repeat(n)).append("]".repeat(n));
            case "nested-objects" -> s.append("{\"a\":".repeat(n)).append('1').append("}".repeat(n));
            case "unclosed-arrays" -> s.append("[".repeat(n));
            case "long-string" -> s.append('"').append("A".repeat(n)).append('"');
            case "long-key" -> s.append("{\"").append("k".repeat(n)).append("\":1}");
            case "long-array" -> s.append('[').append("1,".repeat(n - 1)).append("1]");
            case "wide-object" -> {
                s.append('{');
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
                }
                s.append('}');
            }
            case "pad-to" -> {
                // A string that makes the whole body exactly n bytes.
                int fill = n - (around - "\"@@GENERATED@@\"".length()) - 2;
                s.append('"').append("P".repeat(Math.max(0, fill))).append('"');
            }
            default -> throw new IllegalStateException("unknown generate.kind " + kind);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replace(byte[] body, String marker, byte[] with) {
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + m.length <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + m.length, m, 0, m.length)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + with.length);
                out.write(body, 0, i);
                out.write(with, 0, with.length);
                out.write(body, i + m.length, body.length - i - m.length);
                return out.toByteArray();
            }
        }
        throw new IllegalStateException("marker " + marker + " not found in the body");
    }

    // ---- signatures

    private static void sign(
            JsonObject sign,
            String method,
            URI site,
            String target,
            byte[] body,
            Map<String, String> headers,
            Map<String, SigningMaterial> keys,
            Instant now) {
        String spec = sign.getString("spec", "cavage");
        String keyName = sign.getString("key", "alice");
        SigningMaterial key = keys.get(keyName);
        if (key == null) {
            throw new IllegalStateException("unknown sign.key " + keyName + "; known: " + keys.keySet());
        }
        if (!sign.getString("date", "").equals("omit")) {
            headers.put("Date", HTTP_DATE.format(now.plus(offset(sign, "date"))));
        }
        String digest = sign.getString("digest", "body");
        byte[] digested = digest.equals("other") ? "{\"other\":true}".getBytes(StandardCharsets.UTF_8) : body;
        boolean rfc9421 = spec.equals("rfc9421");
        if (!digest.equals("none") && (body.length > 0 || sign.containsKey("digest"))) {
            if (digest.equals("body") || digest.equals("other")) {
                String sha = Base64.getEncoder().encodeToString(sha256(digested));
                headers.put(
                        rfc9421 ? "Content-Digest" : "Digest", rfc9421 ? "sha-256=:" + sha + ":" : "SHA-256=" + sha);
            } else {
                headers.put(rfc9421 ? "Content-Digest" : "Digest", digest);
            }
        }
        Map<String, String> signedValues = new LinkedHashMap<>();
        headers.forEach((k, v) -> signedValues.put(k.toLowerCase(Locale.ROOT), v));
        JsonObject overrides = sign.getJsonObject("signedValues");
        if (overrides != null) {
            overrides.forEach((k, v) -> signedValues.put(k.toLowerCase(Locale.ROOT), ((JsonString) v).getString()));
        }
        String keyId = sign.getString("keyId", "{alice}#main-key");
        Long created =
                sign.containsKey("created") ? now.plus(offset(sign, "created")).getEpochSecond() : null;
        Long expires =
                sign.containsKey("expires") ? now.plus(offset(sign, "expires")).getEpochSecond() : null;
        String signedTarget = sign.getString("signedTarget", target);
        String signedMethod = sign.getString("signedMethod", method);
        if (rfc9421) {
            rfc9421(sign, signedMethod, site, signedTarget, signedValues, keyId, created, expires, key, headers);
        } else {
            cavage(sign, signedMethod, signedTarget, body, signedValues, keyId, created, expires, key, headers);
        }
    }

    private static void cavage(
            JsonObject sign,
            String method,
            String target,
            byte[] body,
            Map<String, String> values,
            String keyId,
            Long created,
            Long expires,
            SigningMaterial key,
            Map<String, String> headers) {
        List<String> covered = covered(
                sign,
                body.length > 0
                        ? List.of("(request-target)", "host", "date", "digest", "content-type")
                        : List.of("(request-target)", "host", "date"));
        StringBuilder base = new StringBuilder();
        for (String h : covered) {
            String value =
                    switch (h) {
                        case "(request-target)" -> method.toLowerCase(Locale.ROOT) + " " + target;
                        case "(created)" -> String.valueOf(created);
                        case "(expires)" -> String.valueOf(expires);
                        default -> values.getOrDefault(h, "");
                    };
            base.append(base.length() == 0 ? "" : "\n").append(h).append(": ").append(value);
        }
        String algorithm = sign.getString("algorithm", "rsa-sha256");
        String signature = Base64.getEncoder().encodeToString(signBytes(sign, key, base.toString()));
        StringBuilder field = new StringBuilder("keyId=\"" + keyId + "\"");
        if (!algorithm.isEmpty()) {
            field.append(",algorithm=\"").append(algorithm).append('"');
        }
        if (created != null) {
            field.append(",created=").append(created);
        }
        if (expires != null) {
            field.append(",expires=").append(expires);
        }
        field.append(",headers=\"").append(String.join(" ", covered)).append('"');
        field.append(",signature=\"").append(signature).append('"');
        headers.put(sign.getString("field", "Signature"), field.toString());
    }

    private static void rfc9421(
            JsonObject sign,
            String method,
            URI site,
            String target,
            Map<String, String> values,
            String keyId,
            Long created,
            Long expires,
            SigningMaterial key,
            Map<String, String> headers) {
        List<String> covered = covered(sign, List.of("@method", "@target-uri", "content-digest", "date"));
        StringBuilder params = new StringBuilder("(");
        StringBuilder base = new StringBuilder();
        for (String c : covered) {
            String value =
                    switch (c) {
                        case "@method" -> method;
                        case "@target-uri" -> site + target;
                        case "@authority" -> values.get("host").toLowerCase(Locale.ROOT);
                        case "@path" -> target.split("\\?", 2)[0];
                        default -> values.getOrDefault(c, "");
                    };
            params.append(params.length() == 1 ? "" : " ").append('"').append(c).append('"');
            base.append('"').append(c).append("\": ").append(value).append('\n');
        }
        params.append(')');
        if (created != null) {
            params.append(";created=").append(created);
        }
        if (expires != null) {
            params.append(";expires=").append(expires);
        }
        params.append(";keyid=\"").append(keyId).append('"');
        String alg = sign.getString("algorithm", "");
        if (!alg.isEmpty()) {
            params.append(";alg=\"").append(alg).append('"');
        }
        base.append("\"@signature-params\": ").append(params);
        String signature = Base64.getEncoder().encodeToString(signBytes(sign, key, base.toString()));
        headers.put("Signature-Input", "sig1=" + params);
        headers.put("Signature", "sig1=:" + signature + ":");
    }

    private static List<String> covered(JsonObject sign, List<String> defaults) {
        if (!sign.containsKey("covers")) {
            return defaults;
        }
        return sign.getJsonArray("covers").stream()
                .map(v -> ((JsonString) v).getString())
                .toList();
    }

    private static byte[] signBytes(JsonObject sign, SigningMaterial key, String base) {
        byte[] data = base.getBytes(StandardCharsets.UTF_8);
        try {
            if (key.secret() != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
                return mac.doFinal(data);
            }
            String jca = key.privateKey().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "Ed25519";
            Signature s = Signature.getInstance(jca);
            s.initSign(key.privateKey());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + sign, e);
        }
    }

    private static Duration offset(JsonObject sign, String name) {
        String value = sign.getString(name, "PT0S");
        return Duration.parse(value);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
