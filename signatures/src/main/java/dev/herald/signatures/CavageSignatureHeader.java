package dev.herald.signatures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of a draft-cavage-12 {@code Signature} header (or of {@code Authorization: Signature …}):
 * {@code keyId="…",algorithm="…",headers="…",signature="…"} with optional {@code created} and
 * {@code expires}.
 *
 * <p>{@link #parse(String)} tolerates what real servers send: any order and case of the parameter names,
 * white space around commas and equals signs, quoted or bare {@code created}/{@code expires}, unknown
 * parameters (ignored), and no {@code headers} (then {@code date} alone is signed, as the draft's appendix
 * and Mastodon have it). It rejects duplicates, a missing {@code keyId} or {@code signature}, and bad
 * base64, with a {@link SignatureFormatException} that says where.
 *
 * <p>Immutable and thread-safe.
 */
public final class CavageSignatureHeader {
    /** The longest header value parsed. */
    public static final int MAX_LENGTH = 16 * 1024;

    private final String keyId;
    private final Optional<String> algorithm;
    private final List<String> headers;
    private final boolean headersGiven;
    private final byte[] signature;
    private final Optional<String> created;
    private final Optional<String> expires;

    private CavageSignatureHeader(
            String keyId,
            Optional<String> algorithm,
            List<String> headers,
            boolean headersGiven,
            byte[] signature,
            Optional<String> created,
            Optional<String> expires) {
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.headers = List.copyOf(headers);
        this.headersGiven = headersGiven;
        this.signature = signature.clone();
        this.created = created;
        this.expires = expires;
    }

    /**
     * A header value to send.
     *
     * @param keyId the key id
     * @param algorithm the {@code algorithm} parameter, e.g. {@code rsa-sha256} or {@code hs2019}
     * @param headers the signed header names in order, lower case
     * @param signature the signature bytes
     * @param created the {@code created} timestamp, if {@code (created)} is signed
     * @param expires the {@code expires} timestamp, if {@code (expires)} is signed
     */
    public static CavageSignatureHeader of(
            String keyId,
            String algorithm,
            List<String> headers,
            byte[] signature,
            Optional<Long> created,
            Optional<Long> expires) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        return new CavageSignatureHeader(
                keyId,
                Optional.of(algorithm),
                headers,
                true,
                signature,
                created.map(String::valueOf),
                expires.map(String::valueOf));
    }

    /**
     * Parses a {@code Signature} header value, or an {@code Authorization} value that starts with
     * {@code Signature }.
     *
     * @throws SignatureFormatException if it is not a well-formed draft-cavage signature
     */
    public static CavageSignatureHeader parse(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_LENGTH) {
            throw new SignatureFormatException("signature header longer than " + MAX_LENGTH + " characters");
        }
        String text = value.strip();
        if (text.regionMatches(true, 0, "Signature ", 0, 10)) {
            text = text.substring(10);
        }
        Map<String, String> params = parseParams(text);
        String keyId = params.get("keyid");
        if (keyId == null || keyId.isEmpty()) {
            throw new SignatureFormatException("signature has no keyId");
        }
        String signatureText = params.get("signature");
        if (signatureText == null || signatureText.isEmpty()) {
            throw new SignatureFormatException("signature has no signature parameter");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureText);
        } catch (IllegalArgumentException e) {
            throw new SignatureFormatException("signature parameter is not base64: " + e.getMessage());
        }
        String headersText = params.get("headers");
        List<String> headers = new ArrayList<>();
        if (headersText == null) {
            headers.add("date");
        } else {
            // Split on spaces and tabs by hand: a regex split compiles its pattern on every call.
            int n = headersText.length();
            for (int i = 0; i < n; ) {
                while (i < n && (headersText.charAt(i) == ' ' || headersText.charAt(i) == '\t')) {
                    i++;
                }
                int start = i;
                while (i < n && headersText.charAt(i) != ' ' && headersText.charAt(i) != '\t') {
                    i++;
                }
                if (i > start) {
                    headers.add(headersText.substring(start, i).toLowerCase(Locale.ROOT));
                }
            }
            if (headers.isEmpty()) {
                throw new SignatureFormatException("signature headers parameter is empty");
            }
        }
        Optional<String> created = timestamp(params, "created");
        Optional<String> expires = timestamp(params, "expires");
        return new CavageSignatureHeader(
                keyId,
                Optional.ofNullable(params.get("algorithm")).map(a -> a.toLowerCase(Locale.ROOT)),
                headers,
                headersText != null,
                signature,
                created,
                expires);
    }

    private static Optional<String> timestamp(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return Optional.empty();
        }
        // draft-cavage-12 §2.1.4/2.1.5: a Unix timestamp; sub-second precision may follow a dot.
        if (!value.matches("[0-9]{1,12}(\\.[0-9]{1,9})?")) {
            throw new SignatureFormatException(name + " is not a Unix timestamp: " + abbreviate(value));
        }
        return Optional.of(value);
    }

    private static Map<String, String> parseParams(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            i = skipWhitespace(text, i);
            int nameStart = i;
            while (i < n && HttpFields.isTokenChar(text.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw new SignatureFormatException("expected a parameter name at offset " + i);
            }
            String name = text.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i = skipWhitespace(text, i);
            if (i >= n || text.charAt(i) != '=') {
                throw new SignatureFormatException("expected '=' after " + name + " at offset " + i);
            }
            i = skipWhitespace(text, i + 1);
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\' && i < n) {
                        c = text.charAt(i++);
                    }
                    if (c < 0x20 || c == 0x7f) {
                        throw new SignatureFormatException("control character in " + name + " at offset " + (i - 1));
                    }
                    value.append(c);
                }
                if (!closed) {
                    throw new SignatureFormatException("unterminated quoted value of " + name);
                }
            } else {
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                    char c = text.charAt(i++);
                    if (c < 0x20 || c >= 0x7f || c == '"') {
                        throw new SignatureFormatException("invalid character in " + name + " at offset " + (i - 1));
                    }
                    value.append(c);
                }
            }
            if (params.put(name, value.toString()) != null) {
                throw new SignatureFormatException("duplicate signature parameter " + name);
            }
            i = skipWhitespace(text, i);
            if (i >= n) {
                return params;
            }
            if (text.charAt(i) != ',') {
                throw new SignatureFormatException("expected ',' at offset " + i);
            }
            i++;
        }
    }

    private static int skipWhitespace(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** The key id. */
    public String keyId() {
        return keyId;
    }

    /** The {@code algorithm} parameter in lower case, if present (fedify sends none). */
    public Optional<String> algorithm() {
        return algorithm;
    }

    /** The signed header names in order, lower case; {@code [date]} when the header gave none. */
    public List<String> headers() {
        return headers;
    }

    /** Whether the {@code headers} parameter was present. */
    public boolean headersGiven() {
        return headersGiven;
    }

    /** A copy of the signature bytes. */
    public byte[] signature() {
        return signature.clone();
    }

    byte[] signatureUnsafe() {
        return signature;
    }

    /** The {@code created} parameter as sent. */
    public Optional<String> created() {
        return created;
    }

    /** The {@code expires} parameter as sent. */
    public Optional<String> expires() {
        return expires;
    }

    /** The header value, as sent in {@code Signature}. */
    public String serialize() {
        StringBuilder out = new StringBuilder(96 + keyId.length() + 16 * headers.size() + signature.length * 4 / 3);
        out.append("keyId=");
        quote(out, keyId);
        algorithm.ifPresent(a -> quote(out.append(",algorithm="), a));
        created.ifPresent(c -> out.append(",created=").append(c));
        expires.ifPresent(e -> out.append(",expires=").append(e));
        if (headersGiven) {
            quote(out.append(",headers="), String.join(" ", headers));
        }
        out.append(",signature=\"");
        for (byte b : Base64.getEncoder().encode(signature)) {
            out.append((char) b); // Base64 is ASCII: no String in between
        }
        out.append('"');
        return out.toString();
    }

    // A quoted value escapes '"' and '\\' with a backslash, as parse() reads them: a key id holding a quote must
    // not end the value early (and so let the rest pass for other parameters).
    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CavageSignatureHeader
                && serialize().equals(((CavageSignatureHeader) other).serialize());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signature) * 31 + keyId.hashCode();
    }

    @Override
    public String toString() {
        return serialize();
    }
}
