package dev.herald.webfinger.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which IP addresses are not on the public internet (IANA special-purpose registries, RFC 6890 and successors).
 * Stateless, thread-safe.
 */
public final class IpRanges {
    private IpRanges() {}

    /** Empty for a public address; otherwise what kind of address it is, e.g. {@code "a private address (10/8)"}. */
    public static Optional<String> whyNotPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address || bytes.length == 4) {
            return ipv4(bytes);
        }
        if (address instanceof Inet6Address || bytes.length == 16) {
            return ipv6(bytes);
        }
        return Optional.of("an address of an unknown family");
    }

    private static Optional<String> ipv4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        int b3 = a[3] & 0xff;
        if (b0 == 0) {
            return why("an unspecified or \"this network\" address (0/8)");
        }
        if (b0 == 10) {
            return why("a private address (10/8)");
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return why("a carrier-grade NAT address (100.64/10)");
        }
        if (b0 == 127) {
            return why("a loopback address (127/8)");
        }
        if (b0 == 169 && b1 == 254) {
            return b2 == 169 && b3 == 254
                    ? why("the cloud metadata address (link-local 169.254/16)")
                    : why("a link-local address (169.254/16)");
        }
        if (b0 == 172 && (b1 & 0xf0) == 16) {
            return why("a private address (172.16/12)");
        }
        if (b0 == 192 && b1 == 0 && b2 == 0) {
            return why("an IETF protocol assignment address (192.0.0/24)");
        }
        if (b0 == 192 && b1 == 0 && b2 == 2) {
            return why("a documentation address (192.0.2/24)");
        }
        if (b0 == 192 && b1 == 88 && b2 == 99) {
            return why("a 6to4 relay anycast address (192.88.99/24)");
        }
        if (b0 == 192 && b1 == 168) {
            return why("a private address (192.168/16)");
        }
        if (b0 == 198 && (b1 & 0xfe) == 18) {
            return why("a benchmarking address (198.18/15)");
        }
        if (b0 == 198 && b1 == 51 && b2 == 100) {
            return why("a documentation address (198.51.100/24)");
        }
        if (b0 == 203 && b1 == 0 && b2 == 113) {
            return why("a documentation address (203.0.113/24)");
        }
        if (b0 >= 224 && b0 <= 239) {
            return why("a multicast address (224/4)");
        }
        if (b0 >= 240) {
            return why("a reserved or broadcast address (240/4)");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] a) {
        int w0 = word(a, 0);
        int w1 = word(a, 1);
        if (allZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return embedded(a, 12, "an IPv4-mapped address embedding ");
        }
        if (allZero(a, 0, 15) && a[15] == 0) {
            return why("the unspecified address (::)");
        }
        if (allZero(a, 0, 15) && a[15] == 1) {
            return why("the loopback address (::1)");
        }
        if (allZero(a, 0, 12)) {
            return why("an IPv4-compatible address (::/96, deprecated)");
        }
        if (w0 == 0x0064 && w1 == 0xff9b && allZero(a, 4, 12)) {
            return embedded(a, 12, "a NAT64 address (64:ff9b::/96) embedding ");
        }
        if (w0 == 0x0064 && w1 == 0xff9b && word(a, 2) == 0x0001) {
            return why("a local-use NAT64 address (64:ff9b:1::/48)");
        }
        if (w0 == 0x0100 && allZero(a, 2, 8)) {
            return why("a discard-only address (100::/64)");
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            return why("a Teredo address (2001::/32)");
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return why("a documentation address (2001:db8::/32)");
        }
        if (w0 == 0x2001 && (w1 & 0xffe0) == 0x0020) {
            return why("an ORCHIDv2 address (2001:20::/28)");
        }
        if (w0 == 0x2001 && (w1 & 0xfff0) == 0x0010) {
            return why("a deprecated ORCHID address (2001:10::/28)");
        }
        if (w0 == 0x2002) {
            return embedded(a, 2, "a 6to4 address (2002::/16) embedding ");
        }
        if (w0 == 0x3fff && (w1 & 0xf000) == 0) {
            return why("a documentation address (3fff::/20)");
        }
        if ((a[0] & 0xfe) == 0xfc) {
            return why("a unique local address (fc00::/7)");
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80) {
            return why("a link-local address (fe80::/10)");
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0xc0) {
            return why("a site-local address (fec0::/10, deprecated)");
        }
        if ((a[0] & 0xff) == 0xff) {
            return why("a multicast address (ff00::/8)");
        }
        if ((a[0] & 0xff) == 0x00) {
            return why("a reserved address (::/8)");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] a, int offset, String what) {
        byte[] v4 = Arrays.copyOfRange(a, offset, offset + 4);
        Optional<String> inner = ipv4(v4);
        String dotted = (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
        return inner.map(reason -> what + dotted + ", " + reason);
    }

    private static int word(byte[] a, int index) {
        return (a[2 * index] & 0xff) << 8 | (a[2 * index + 1] & 0xff);
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> why(String reason) {
        return Optional.of(reason);
    }
}
