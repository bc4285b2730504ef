package dev.herald.signatures.sfv;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A bare item (RFC 9651 §3.3): the value of an {@link Item} or of a parameter, without parameters. One
 * record per type; each checks its value in its constructor, throwing {@link IllegalArgumentException}
 * that names the problem, so every instance serializes.
 *
 * <p>The nested names {@code String}, {@code Integer} and {@code Boolean} shadow {@code java.lang} only
 * where they are imported; refer to them as {@code BareItem.String} and so on. All implementations are
 * immutable and thread-safe.
 */
public sealed interface BareItem {

    /** The canonical RFC 9651 §4.1 serialization of this value, e.g. {@code "?1"} or {@code ":AQI=:"}. */
    java.lang.String serialize();

    /**
     * An Integer (RFC 9651 §3.3.1): at most 15 decimal digits, so within ±999,999,999,999,999.
     *
     * @param value the number
     */
    record Integer(long value) implements BareItem {
        /** The smallest Integer RFC 9651 allows. */
        public static final long MIN_VALUE = -999_999_999_999_999L;

        /** The largest Integer RFC 9651 allows. */
        public static final long MAX_VALUE = 999_999_999_999_999L;

        /** Checks the range. */
        public Integer {
            if (value < MIN_VALUE || value > MAX_VALUE) {
                throw new IllegalArgumentException(
                        "integer " + value + " is outside the range -999,999,999,999,999 to 999,999,999,999,999");
            }
        }

        @Override
        public java.lang.String serialize() {
            return Long.toString(value);
        }
    }

    /**
     * A Decimal (RFC 9651 §3.3.2): at most 12 integer digits and 3 fraction digits.
     *
     * <p>The constructor normalizes the value the way serialization would (RFC 9651 §4.1.5): it rounds
     * half-even to 3 fraction digits and drops trailing zeros, keeping at least one fraction digit. So
     * {@code 1.50} and {@code 1.5} make equal Decimals, {@code value()} is {@code 1.5}, and a Decimal that
     * is serialized and parsed again is equal to the original.
     *
     * @param value the number, normalized as described
     */
    record Decimal(BigDecimal value) implements BareItem {
        /** Rounds, normalizes and checks that at most 12 integer digits remain. */
        public Decimal {
            value = Numbers.normalizeDecimal(Check.notNull(value, "value"));
        }

        @Override
        public java.lang.String serialize() {
            return value.toPlainString();
        }
    }

    /**
     * A String (RFC 9651 §3.3.3): printable ASCII, U+0020 to U+007E. For other text use {@link
     * DisplayString}.
     *
     * @param value the unescaped text
     */
    record String(java.lang.String value) implements BareItem {
        /** Checks that every character is printable ASCII. */
        public String {
            Check.notNull(value, "value");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!Chars.isPrintable(c)) {
                    throw new IllegalArgumentException("string has " + Chars.describe(c) + " at index " + i
                            + "; only printable ASCII (U+0020 to U+007E) is allowed, use DisplayString for other text");
                }
            }
        }

        /** Quotes the value, escaping only {@code "} and {@code \}. */
        @Override
        public java.lang.String serialize() {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            return out.append('"').toString();
        }
    }

    /**
     * A Token (RFC 9651 §3.3.4): starts with a letter or {@code *}, then tchar, {@code :} or {@code /}.
     *
     * @param value the token, serialized as is
     */
    record Token(java.lang.String value) implements BareItem {
        /** Checks the token syntax. */
        public Token {
            Check.notNull(value, "value");
            if (value.isEmpty() || !Chars.isTokenStart(value.charAt(0))) {
                throw new IllegalArgumentException("token \"" + value + "\" must start with a letter or '*'");
            }
            for (int i = 1; i < value.length(); i++) {
                if (!Chars.isTokenChar(value.charAt(i))) {
                    throw new IllegalArgumentException("token has " + Chars.describe(value.charAt(i)) + " at index " + i
                            + "; allowed are letters, digits, ':', '/' and !#$%&'*+-.^_`|~");
                }
            }
        }

        @Override
        public java.lang.String serialize() {
            return value;
        }
    }

    /**
     * A Byte Sequence (RFC 9651 §3.3.5), serialized as padded base64 between colons. The array is copied
     * on the way in and on the way out; equality compares the bytes.
     *
     * @param value the bytes
     */
    record ByteSequence(byte[] value) implements BareItem {
        /** Copies the bytes. */
        public ByteSequence {
            value = Check.notNull(value, "value").clone();
        }

        /** A copy of the bytes. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public java.lang.String serialize() {
            return ':' + Base64.getEncoder().encodeToString(value) + ':';
        }

        /** Equal when the other is a ByteSequence holding the same bytes. */
        @Override
        public boolean equals(Object other) {
            return other instanceof ByteSequence that && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        /** The bytes in their serialized form, e.g. {@code ByteSequence[:AQI=:]}. */
        @Override
        public java.lang.String toString() {
            return "ByteSequence[" + serialize() + "]";
        }
    }

    /**
     * A Boolean (RFC 9651 §3.3.6), serialized {@code ?1} or {@code ?0}. As a parameter or dictionary
     * value, {@code true} is written by the key alone.
     *
     * @param value the truth value
     */
    record Boolean(boolean value) implements BareItem {
        /** {@code ?1}. */
        public static final Boolean TRUE = new Boolean(true);

        /** {@code ?0}. */
        public static final Boolean FALSE = new Boolean(false);

        /** {@link #TRUE} or {@link #FALSE}. */
        public static Boolean of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        public java.lang.String serialize() {
            return value ? "?1" : "?0";
        }
    }

    /**
     * A Date (RFC 9651 §3.3.7): whole seconds since the Unix epoch, serialized {@code @1659578233}, within
     * the Integer range.
     *
     * @param epochSeconds seconds since 1970-01-01T00:00:00Z, negative before
     */
    record Date(long epochSeconds) implements BareItem {
        /** Checks the Integer range. */
        public Date {
            if (epochSeconds < BareItem.Integer.MIN_VALUE || epochSeconds > BareItem.Integer.MAX_VALUE) {
                throw new IllegalArgumentException("date " + epochSeconds
                        + " is outside the range -999,999,999,999,999 to 999,999,999,999,999 seconds");
            }
        }

        /** The Date of an instant, dropping fractions of a second (towards the past). */
        public static Date of(Instant instant) {
            return new Date(Check.notNull(instant, "instant").getEpochSecond());
        }

        /** This date as an {@link Instant}; every Date fits. */
        public Instant toInstant() {
            return Instant.ofEpochSecond(epochSeconds);
        }

        @Override
        public java.lang.String serialize() {
            return "@" + epochSeconds;
        }
    }

    /**
     * A Display String (RFC 9651 §3.3.8): Unicode text, serialized {@code %"..."} with {@code %},
     * {@code "} and every byte outside printable ASCII of its UTF-8 form percent-encoded in lowercase hex.
     *
     * @param value the text; must be well-formed UTF-16 (no unpaired surrogates)
     */
    record DisplayString(java.lang.String value) implements BareItem {
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        /** Checks that the text has no unpaired surrogate, which UTF-8 cannot encode. */
        public DisplayString {
            Check.notNull(value, "value");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("display string has an unpaired surrogate " + Chars.describe(c)
                            + " at index " + i + "; it cannot be encoded as UTF-8");
                }
            }
        }

        @Override
        public java.lang.String serialize() {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder(utf8.length + 3).append("%\"");
            for (byte b : utf8) {
                int octet = b & 0xff;
                if (octet == '%' || octet == '"' || octet < 0x20 || octet > 0x7e) {
                    out.append('%').append(HEX[octet >> 4]).append(HEX[octet & 0xf]);
                } else {
                    out.append((char) octet);
                }
            }
            return out.append('"').toString();
        }
    }
}
