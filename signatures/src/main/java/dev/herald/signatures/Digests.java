package dev.herald.signatures;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Creates and checks body digests: the legacy RFC 3230 {@code Digest} header that draft-cavage
 * signatures cover, and the RFC 9530 {@code Content-Digest} field that RFC 9421 signatures cover.
 *
 * <p>Checks return a {@link DigestCheck} instead of throwing, so a verifier can map
 * {@link DigestCheck.Outcome#MALFORMED} to 400 and {@link DigestCheck.Outcome#MISMATCH} to 401.
 * Digests are compared in constant time. Passing null is misuse and throws {@link
 * IllegalArgumentException} naming the parameter.
 *
 * <p>Stateless and thread-safe.
 */
public final class Digests {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private Digests() {}

    /**
     * The RFC 3230 {@code Digest} value for {@code body}: {@code SHA-256=<base64>}.
     *
     * <p>The prefix is upper case because Threads rejects {@code sha-256=} (fedify #125), and it is
     * what Mastodon sends.
     *
     * @throws IllegalArgumentException if {@code body} is null
     */
    public static String digestHeader(byte[] body) {
        return DigestAlgorithm.SHA_256.jdkName() + "=" + BASE64.encodeToString(DigestAlgorithm.SHA_256.digest(body));
    }

    /**
     * Checks an RFC 3230 {@code Digest} header value against {@code body}.
     *
     * <p>The value is a comma-separated list of {@code algorithm=<base64>} entries with optional
     * whitespace around them; algorithm names are case-insensitive ({@code SHA-256=} and {@code
     * sha-256=}). Entries for algorithms other than SHA-256 and SHA-512 are ignored. Every supported
     * entry must match, and at least one must be present. A value in RFC 9530 byte-sequence syntax
     * ({@code SHA-256=:…:}) is {@link DigestCheck.Outcome#MALFORMED}: it belongs in {@code
     * Content-Digest}.
     *
     * @param headerValue the field value, without the {@code Digest:} name
     * @param body the received body bytes, exactly as on the wire
     * @throws IllegalArgumentException if an argument is null
     */
    public static DigestCheck verifyDigestHeader(String headerValue, byte[] body) {
        requireNonNull(headerValue, "headerValue");
        requireNonNull(body, "body");
        if (trimOws(headerValue).isEmpty()) {
            return DigestCheck.malformed("empty Digest header");
        }
        Map<DigestAlgorithm, byte[]> claimed = new EnumMap<>(DigestAlgorithm.class);
        String[] entries = headerValue.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = trimOws(entries[i]);
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                return DigestCheck.malformed("Digest entry " + (i + 1) + " is not algorithm=base64");
            }
            String name = trimOws(entry.substring(0, equals));
            String value = trimOws(entry.substring(equals + 1));
            Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(name);
            if (algorithm.isEmpty()) {
                continue; // RFC 3230 §4.3.2: ignore algorithms we do not implement
            }
            String label = algorithm.get().jdkName();
            if (value.startsWith(":")) {
                return DigestCheck.malformed("Digest " + label
                        + " uses RFC 9530 :base64: syntax, which belongs in Content-Digest; Digest takes plain base64");
            }
            Optional<byte[]> decoded = decodeBase64(value);
            if (decoded.isEmpty()) {
                return DigestCheck.malformed("Digest " + label + " is not valid base64");
            }
            if (claimed.put(algorithm.get(), decoded.get()) != null) {
                return DigestCheck.malformed("Digest names " + label + " twice");
            }
        }
        return compare("Digest", claimed, body, true);
    }

    /**
     * The RFC 9530 {@code Content-Digest} value for {@code body}, e.g. {@code sha-256=:<base64>:}.
     *
     * <p>With several algorithms the members are joined by {@code ", "} in the given order; with none,
     * SHA-256 is used.
     *
     * @throws IllegalArgumentException if {@code body}, {@code algorithms} or an element is null, or
     *     an algorithm repeats
     */
    public static String contentDigest(byte[] body, DigestAlgorithm... algorithms) {
        requireNonNull(body, "body");
        requireNonNull(algorithms, "algorithms");
        if (algorithms.length == 0) {
            algorithms = new DigestAlgorithm[] {DigestAlgorithm.SHA_256};
        }
        Set<DigestAlgorithm> seen = EnumSet.noneOf(DigestAlgorithm.class);
        StringJoiner value = new StringJoiner(", ");
        for (DigestAlgorithm algorithm : algorithms) {
            requireNonNull(algorithm, "algorithms element");
            if (!seen.add(algorithm)) {
                throw new IllegalArgumentException("algorithms must not repeat " + algorithm.token());
            }
            value.add(algorithm.token() + "=:" + BASE64.encodeToString(algorithm.digest(body)) + ":");
        }
        return value.toString();
    }

    /**
     * Checks an RFC 9530 {@code Content-Digest} field value against {@code body}.
     *
     * <p>The value must be a Structured Field dictionary (RFC 8941) whose members are byte sequences:
     * {@code sha-256=:<base64>:}, optionally with parameters (ignored). Members for algorithms other
     * than sha-256 and sha-512 (md5, sha, unixsum…) are ignored but must still be well formed. Every
     * supported member must match and at least one must be present, else the outcome is {@link
     * DigestCheck.Outcome#UNSUPPORTED}. Upper-case keys ({@code SHA-256=}), RFC 3230 syntax, invalid
     * base64 (including over-padding such as {@code …FabDg==}) and an empty value are {@link
     * DigestCheck.Outcome#MALFORMED}. A repeated key keeps its last value, as RFC 8941 §4.2.2 says.
     *
     * @param headerValue the field value, without the {@code Content-Digest:} name
     * @param body the received content bytes, exactly as on the wire
     * @throws IllegalArgumentException if an argument is null
     */
    public static DigestCheck verifyContentDigest(String headerValue, byte[] body) {
        requireNonNull(headerValue, "headerValue");
        requireNonNull(body, "body");
        Map<String, byte[]> members;
        try {
            members = ContentDigestParser.parse(headerValue);
        } catch (ContentDigestParser.MalformedException e) {
            return DigestCheck.malformed("malformed Content-Digest: " + e.getMessage());
        }
        if (members.isEmpty()) {
            return DigestCheck.malformed("empty Content-Digest");
        }
        Map<DigestAlgorithm, byte[]> claimed = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            byte[] digest = members.get(algorithm.token());
            if (digest != null) {
                claimed.put(algorithm, digest);
            }
        }
        return compare("Content-Digest", claimed, body, false);
    }

    private static DigestCheck compare(
            String field, Map<DigestAlgorithm, byte[]> claimed, byte[] body, boolean upperCaseNames) {
        if (claimed.isEmpty()) {
            return DigestCheck.unsupported(
                    "no supported digest algorithm in " + field + " (supported: " + names(upperCaseNames) + ")");
        }
        List<String> matched = new ArrayList<>();
        for (Map.Entry<DigestAlgorithm, byte[]> entry : claimed.entrySet()) {
            DigestAlgorithm algorithm = entry.getKey();
            String name = upperCaseNames ? algorithm.jdkName() : algorithm.token();
            byte[] computed = algorithm.digest(body);
            if (!MessageDigest.isEqual(computed, entry.getValue())) {
                return DigestCheck.mismatch(field + " " + name + " does not match the body (body hashes to "
                        + BASE64.encodeToString(computed) + ")");
            }
            matched.add(name);
        }
        return DigestCheck.match(field + " " + String.join(", ", matched) + " matches the body");
    }

    private static String names(boolean upperCase) {
        StringJoiner names = new StringJoiner(", ");
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            names.add(upperCase ? algorithm.jdkName() : algorithm.token());
        }
        return names.toString();
    }

    private static Optional<byte[]> decodeBase64(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Trims HTTP optional whitespace (SP and HTAB, RFC 9110 §5.6.3), nothing else. */
    private static String trimOws(String value) {
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

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    /**
     * A strict, minimal parser for the RFC 8941 dictionaries that {@code Content-Digest} uses: members
     * {@code key=:base64:} with optional parameters, which are validated and dropped. Anything else
     * (a member without a value, an integer, an inner list, an upper-case key) is malformed. Not
     * thread-safe; each {@link #parse(String)} call uses its own instance.
     */
    static final class ContentDigestParser {
        private final String input;
        private int pos;

        private ContentDigestParser(String input) {
            this.input = input;
        }

        /** Parses {@code input} into its members in order; a repeated key keeps its last value. */
        static Map<String, byte[]> parse(String input) throws MalformedException {
            return new ContentDigestParser(trimOws(input)).dictionary();
        }

        // RFC 8941 §4.2.2
        private Map<String, byte[]> dictionary() throws MalformedException {
            Map<String, byte[]> members = new LinkedHashMap<>();
            while (pos < input.length()) {
                String key = key();
                if (!consume('=')) {
                    throw fail("member " + key + " has no value; expected " + key + "=:base64:");
                }
                byte[] value = byteSequence(key);
                parameters();
                members.remove(key); // a repeated key overwrites: keep the order of the last one
                members.put(key, value);
                skipOws();
                if (pos == input.length()) {
                    break;
                }
                if (!consume(',')) {
                    throw fail("expected ',' after member " + key);
                }
                skipOws();
                if (pos == input.length()) {
                    throw fail("trailing comma");
                }
            }
            return members;
        }

        // RFC 8941 §4.2.3.3: keys are lower case.
        private String key() throws MalformedException {
            int start = pos;
            char first = pos < input.length() ? input.charAt(pos) : '\0';
            if (first >= 'A' && first <= 'Z') {
                throw fail("upper-case key; RFC 8941 keys are lower case");
            }
            if (!isLcAlpha(first) && first != '*') {
                throw fail("expected a key (lower-case letter or '*')");
            }
            pos++;
            while (pos < input.length() && isKeyChar(input.charAt(pos))) {
                pos++;
            }
            return input.substring(start, pos);
        }

        // RFC 8941 §4.2.7
        private byte[] byteSequence(String key) throws MalformedException {
            if (!consume(':')) {
                throw fail("member " + key + " is not a byte sequence; expected " + key + "=:base64:");
            }
            int start = pos;
            while (pos < input.length() && input.charAt(pos) != ':') {
                if (!isBase64Char(input.charAt(pos))) {
                    throw fail("invalid base64 character in " + key);
                }
                pos++;
            }
            if (pos == input.length()) {
                throw fail("unterminated byte sequence in " + key);
            }
            String base64 = input.substring(start, pos);
            pos++;
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new MalformedException("invalid base64 in " + key);
            }
        }

        // RFC 8941 §4.2.3.2
        private void parameters() throws MalformedException {
            while (consume(';')) {
                while (consume(' ')) {
                    // skip SP
                }
                String key = key();
                if (consume('=')) {
                    bareItem(key);
                }
            }
        }

        // RFC 8941 §4.2.3.1, validating only: parameter values are ignored.
        private void bareItem(String key) throws MalformedException {
            char c = pos < input.length() ? input.charAt(pos) : '\0';
            if (c == '-' || isDigit(c)) {
                number();
            } else if (c == '"') {
                string();
            } else if (c == ':') {
                byteSequence(key);
            } else if (c == '?') {
                pos++;
                if (!consume('0') && !consume('1')) {
                    throw fail("invalid boolean in parameter " + key);
                }
            } else if (isAlpha(c) || c == '*') {
                pos++;
                while (pos < input.length() && isTokenChar(input.charAt(pos))) {
                    pos++;
                }
            } else {
                throw fail("invalid value for parameter " + key);
            }
        }

        private void number() throws MalformedException {
            consume('-');
            int digits = 0;
            boolean decimal = false;
            while (pos < input.length()) {
                char c = input.charAt(pos);
                if (isDigit(c)) {
                    digits++;
                } else if (c == '.' && !decimal && digits > 0) {
                    decimal = true;
                } else {
                    break;
                }
                pos++;
            }
            if (digits == 0 || digits > 15 || input.charAt(pos - 1) == '.') {
                throw fail("invalid number");
            }
        }

        private void string() throws MalformedException {
            pos++; // opening quote
            while (pos < input.length()) {
                char c = input.charAt(pos++);
                if (c == '"') {
                    return;
                }
                if (c == '\\') {
                    if (pos == input.length() || (input.charAt(pos) != '"' && input.charAt(pos) != '\\')) {
                        throw fail("invalid escape in string");
                    }
                    pos++;
                } else if (c < 0x20 || c > 0x7e) {
                    throw fail("invalid character in string");
                }
            }
            throw fail("unterminated string");
        }

        private void skipOws() {
            while (pos < input.length() && isOws(input.charAt(pos))) {
                pos++;
            }
        }

        private boolean consume(char expected) {
            if (pos < input.length() && input.charAt(pos) == expected) {
                pos++;
                return true;
            }
            return false;
        }

        private MalformedException fail(String problem) {
            return new MalformedException(problem + " at position " + pos);
        }

        private static boolean isLcAlpha(char c) {
            return c >= 'a' && c <= 'z';
        }

        private static boolean isAlpha(char c) {
            return isLcAlpha(c) || (c >= 'A' && c <= 'Z');
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isKeyChar(char c) {
            return isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*';
        }

        private static boolean isBase64Char(char c) {
            return isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=';
        }

        // RFC 9110 tchar, plus ':' and '/' (RFC 8941 §3.3.4)
        private static boolean isTokenChar(char c) {
            return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
        }

        /** A parse failure; its message says what was wrong and where. Carries no stack trace. */
        static final class MalformedException extends Exception {
            private static final long serialVersionUID = 1L;

            MalformedException(String message) {
                super(message, null, false, false);
            }
        }
    }
}
