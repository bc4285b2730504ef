package dev.herald.webfinger.internal;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A host with an optional port, as in {@code example.org}, {@code example.org:8443} or {@code [2001:db8::1]:80}.
 * The host is lower-cased ASCII (international names become their {@code xn--} form). Immutable, thread-safe.
 *
 * @param host the lower-cased host; an IPv6 literal keeps its brackets
 * @param port the port, or -1 when none was given
 */
public record Authority(String host, int port) {
    private static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    /** Parses {@code host[:port]}; see the type's description for the accepted forms. */
    public static Authority parse(String text) throws BadInput {
        if (text.isEmpty()) {
            throw new BadInput("the host is empty");
        }
        String host;
        String portText = null;
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new BadInput("unterminated IPv6 literal in host");
            }
            host = ipv6Literal(text.substring(1, close));
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw new BadInput("unexpected characters after the IPv6 literal");
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0) {
                portText = text.substring(colon + 1);
                text = text.substring(0, colon);
            }
            host = hostName(text);
        }
        return new Authority(host, portText == null ? -1 : port(portText));
    }

    private static String ipv6Literal(String inside) throws BadInput {
        if (inside.isEmpty() || inside.length() > 45) {
            throw new BadInput("invalid IPv6 literal in host");
        }
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            boolean ok =
                    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                throw new BadInput("invalid IPv6 literal in host");
            }
        }
        try {
            // Only hex digits, colons and dots reach here: the JDK parses the literal and never asks DNS.
            InetAddress.getByName("[" + inside + "]");
        } catch (UnknownHostException e) {
            throw new BadInput("invalid IPv6 literal in host");
        }
        return "[" + inside.toLowerCase(Locale.ROOT) + "]";
    }

    private static String hostName(String text) throws BadInput {
        if (text.isEmpty()) {
            throw new BadInput("the host is empty");
        }
        String ascii = text;
        if (!isAscii(text)) {
            try {
                ascii = IDN.toASCII(text, 0);
            } catch (IllegalArgumentException e) {
                throw new BadInput("the host is not a valid international domain name");
            }
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.length() > MAX_HOST_LENGTH) {
            throw new BadInput("the host is longer than " + MAX_HOST_LENGTH + " characters");
        }
        int labelStart = 0;
        for (int i = 0; i <= ascii.length(); i++) {
            if (i == ascii.length() || ascii.charAt(i) == '.') {
                checkLabel(ascii, labelStart, i);
                labelStart = i + 1;
            } else {
                char c = ascii.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    throw new BadInput("the host contains a character not allowed in a domain name");
                }
            }
        }
        return ascii;
    }

    private static void checkLabel(String host, int start, int end) throws BadInput {
        int length = end - start;
        if (length == 0) {
            throw new BadInput("the host has an empty label");
        }
        if (length > MAX_LABEL_LENGTH) {
            throw new BadInput("a label of the host is longer than " + MAX_LABEL_LENGTH + " characters");
        }
        if (host.charAt(start) == '-' || host.charAt(end - 1) == '-') {
            throw new BadInput("a label of the host starts or ends with '-'");
        }
    }

    private static int port(String text) throws BadInput {
        if (text.isEmpty() || text.length() > 5) {
            throw new BadInput("invalid port");
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadInput("invalid port");
            }
            port = port * 10 + (c - '0');
        }
        if (port < 1 || port > 65535) {
            throw new BadInput("port out of range");
        }
        return port;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** This authority without its port when the port is the default one of the scheme. */
    public Authority withoutDefaultPort(String scheme) {
        boolean isDefault = ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return isDefault ? new Authority(host, -1) : this;
    }

    /** {@code host} or {@code host:port}. */
    @Override
    public String toString() {
        return port < 0 ? host : host + ":" + port;
    }
}
