package dev.herald.webfinger.internal;

import dev.herald.webfinger.NetworkPolicy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The built-in {@link NetworkPolicy}. Immutable and thread-safe. */
public final class AddressPolicy implements NetworkPolicy {
    private static final System.Logger LOG = System.getLogger(NetworkPolicy.class.getName());

    private final boolean allowHttp;
    private final boolean allowPrivateNetwork;
    private final DnsResolver dns;

    /**
     * @param allowHttp whether plain http is allowed
     * @param allowPrivateNetwork whether non-public addresses are allowed (logged as a warning)
     * @param dns how host names are resolved
     */
    public AddressPolicy(boolean allowHttp, boolean allowPrivateNetwork, DnsResolver dns) {
        this.allowHttp = allowHttp;
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.dns = dns;
        if (allowPrivateNetwork) {
            LOG.log(
                    Level.WARNING,
                    "Outbound requests may reach private and loopback addresses (allowPrivateNetwork): "
                            + "for local tests and development only, never in production.");
        }
    }

    @Override
    public void check(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            throw new Refused(
                    uri,
                    scheme.equals("http")
                            ? "plain http is not allowed (https only)"
                            : "scheme '" + scheme + "' is not allowed (https only)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused(uri, "the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused(uri, "URLs with user information are not fetched");
        }
        if (allowPrivateNetwork) {
            return;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = dns.resolve(bare);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot resolve " + bare + " to check it: " + e.getMessage());
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException("cannot resolve " + bare + " to check it: no addresses");
        }
        boolean literal = bare.indexOf(':') >= 0 || bare.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        for (InetAddress address : addresses) {
            Optional<String> why = IpRanges.whyNotPublic(address);
            if (why.isPresent()) {
                String what = literal
                        ? bare + " is " + why.get()
                        : bare + " resolves to " + address.getHostAddress() + ", " + why.get();
                throw new Refused(uri, what + "; only public addresses are allowed");
            }
        }
    }

    @Override
    public void checkAddress(URI uri, InetAddress address) throws Refused {
        if (allowPrivateNetwork) {
            return;
        }
        Optional<String> why = IpRanges.whyNotPublic(address);
        if (why.isPresent()) {
            throw new Refused(
                    uri,
                    uri.getHost() + " resolved to " + address.getHostAddress() + " when connecting, " + why.get()
                            + "; only public addresses are allowed");
        }
    }

    @Override
    public String toString() {
        return "NetworkPolicy{" + (allowHttp ? "http and https" : "https only") + ", "
                + (allowPrivateNetwork ? "private network allowed" : "public addresses only") + "}";
    }
}
