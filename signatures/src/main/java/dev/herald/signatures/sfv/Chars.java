package dev.herald.signatures.sfv;

/** Character classes of RFC 9651 and the checks the value constructors share. */
final class Chars {
    private Chars() {}

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** Visible ASCII and space: what a String may hold (RFC 9651 §3.3.3). */
    static boolean isPrintable(char c) {
        return c >= 0x20 && c <= 0x7e;
    }

    /** RFC 9651 §3.1.2: key = ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" ). */
    static boolean isKeyStart(char c) {
        return isLcAlpha(c) || c == '*';
    }

    static boolean isKeyChar(char c) {
        return isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*';
    }

    /** RFC 9651 §3.3.4: sf-token = ( ALPHA / "*" ) *( tchar / ":" / "/" ). */
    static boolean isTokenStart(char c) {
        return isAlpha(c) || c == '*';
    }

    static boolean isTokenChar(char c) {
        if (isAlpha(c) || isDigit(c)) {
            return true;
        }
        // tchar (RFC 9110 §5.6.2) plus ":" and "/"
        return "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
    }

    static boolean isBase64Char(char c) {
        return isAlpha(c) || isDigit(c) || c == '+' || c == '/';
    }

    /** A character as a log reader wants to see it: {@code 'x'} when printable, else {@code U+0009}. */
    static String describe(char c) {
        return isPrintable(c) ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    /** Checks a Dictionary or Parameters key; {@code what} names it in the message. */
    static String checkKey(String key, String what) {
        Check.notNull(key, what);
        if (key.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (!isKeyStart(key.charAt(0))) {
            throw new IllegalArgumentException(what + " \"" + key + "\" must start with a lowercase letter or '*'");
        }
        for (int i = 1; i < key.length(); i++) {
            if (!isKeyChar(key.charAt(i))) {
                throw new IllegalArgumentException(what + " \"" + key + "\" has " + describe(key.charAt(i))
                        + " at index " + i + "; allowed are lowercase letters, digits, '_', '-', '.' and '*'");
            }
        }
        return key;
    }
}
