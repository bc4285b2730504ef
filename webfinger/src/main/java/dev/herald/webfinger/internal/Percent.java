package dev.herald.webfinger.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding and decoding over UTF-8. Stateless, thread-safe. */
public final class Percent {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Percent() {}

    /**
     * Decodes {@code %XX} sequences; other characters stand for their own UTF-8 bytes. A {@code +} stays a plus
     * (RFC 3986 query rules, not HTML forms). The decoded bytes must be valid UTF-8.
     */
    public static String decode(String text) throws BadInput {
        if (text.indexOf('%') < 0) {
            requireWellFormed(text);
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new BadInput("truncated percent-encoding at position " + i);
                }
                int hi = hexValue(text.charAt(i + 1));
                int lo = hexValue(text.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw new BadInput("invalid percent-encoding at position " + i);
                }
                bytes.write(hi << 4 | lo);
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                if (Character.isSurrogate(c) && Character.charCount(cp) == 1) {
                    throw new BadInput("unpaired surrogate at position " + i);
                }
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(cp);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadInput("percent-encoded bytes are not valid UTF-8");
        }
    }

    // Character.digit would also accept non-ASCII digits such as U+FF11.
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Throws when the text holds an unpaired surrogate (it cannot be encoded as UTF-8). */
    static void requireWellFormed(String text) throws BadInput {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new BadInput("unpaired surrogate at position " + i);
            }
        }
    }

    /** Encodes every byte except RFC 3986 unreserved characters: safe for a query parameter value. */
    public static String encodeQueryValue(String text) {
        return encode(text, "");
    }

    /**
     * Encodes every byte except RFC 3986 unreserved characters and the given extra ASCII characters. The text must
     * be well-formed UTF-16 (unpaired surrogates become {@code ?} as in {@link String#getBytes}).
     */
    public static String encode(String text, String alsoAllowed) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 8);
        for (byte b : utf8) {
            int v = b & 0xff;
            if (isUnreserved(v) || (v < 0x80 && alsoAllowed.indexOf(v) >= 0)) {
                out.append((char) v);
            } else {
                out.append('%').append(HEX[v >> 4]).append(HEX[v & 0xf]);
            }
        }
        return out.toString();
    }

    /** RFC 3986 §2.3 unreserved: {@code ALPHA / DIGIT / "-" / "." / "_" / "~"}. */
    public static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    /** RFC 3986 §2.2 sub-delims: {@code !$&'()*+,;=}. */
    public static boolean isSubDelim(int c) {
        return "!$&'()*+,;=".indexOf(c) >= 0;
    }
}
