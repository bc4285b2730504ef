package dev.herald.webfinger;

import dev.herald.webfinger.internal.AddressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether an outbound request may be made: the guard against server-side request forgery that every fetch
 * of a remote document goes through, once per URL and again on every redirect hop. {@link WebFingerClient} uses
 * it; Herald's core shares the same instance for all its outbound requests.
 *
 * <p>{@link #publicOnly()} (the default) allows only {@code https} URLs whose host resolves exclusively to public
 * addresses: it refuses loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, including the cloud
 * metadata address 169.254.169.254), carrier-grade NAT (100.64/10), multicast, unspecified, reserved and
 * documentation ranges, and in IPv6 {@code ::1}, {@code fc00::/7}, {@code fe80::/10}, multicast, Teredo, and
 * IPv4-mapped, NAT64 ({@code 64:ff9b::/96}) or 6to4 ({@code 2002::/16}) addresses that embed a refused IPv4 address.
 * If any address of a host is refused, the host is refused.
 *
 * <p>The check resolves the host itself, and the HTTP client resolves it again when connecting; a DNS server that
 * answers differently the second time (DNS rebinding) is not caught by {@link #check} alone. A client that resolves
 * for itself calls {@link #checkAddress} with the address it is about to connect to, which closes that gap: Herald's
 * delivery client does; fetches through {@code java.net.http} (WebFinger, remote documents) cannot.
 *
 * <p>Implementations must be thread-safe; the built-in ones are immutable.
 */
@FunctionalInterface
public interface NetworkPolicy {
    /**
     * Checks a URL before it is fetched.
     *
     * @throws Refused if the policy does not allow fetching it
     * @throws IOException if the check could not be made (for example the host name does not resolve)
     */
    void check(URI uri) throws IOException;

    /**
     * Checks the address a connection for {@code uri} is about to be opened to, after {@link #check} allowed the URL:
     * the resolution that is actually used. The default allows every address; the built-in policies refuse what
     * {@link #check} refuses.
     *
     * @throws Refused if the policy does not allow connecting there
     */
    default void checkAddress(URI uri, InetAddress address) throws Refused {
        // allowed
    }

    /** The default: {@code https} only, public addresses only. */
    static NetworkPolicy publicOnly() {
        return builder().build();
    }

    /**
     * Allows private, loopback and link-local addresses and plain {@code http}: <b>for local tests and development
     * only</b> (two Herald sites on one machine, a test server on 127.0.0.1). Creating it logs a warning. Only
     * {@code http} and {@code https} URLs are still allowed.
     */
    static NetworkPolicy allowPrivateNetwork() {
        return builder().allowPrivateNetwork(true).allowHttp(true).build();
    }

    /** A builder for a policy between the two above, or with another DNS resolver. */
    static Builder builder() {
        return new Builder();
    }

    /** Resolves a host name to its addresses. Implementations must be thread-safe. */
    @FunctionalInterface
    interface DnsResolver {
        /**
         * All addresses of a host.
         *
         * @throws UnknownHostException if the host has none
         */
        List<InetAddress> resolve(String host) throws UnknownHostException;

        /** The JVM's resolver ({@link InetAddress#getAllByName(String)}). */
        static DnsResolver system() {
            return host -> List.of(InetAddress.getAllByName(host));
        }
    }

    /** A URL the policy refused, with the reason. Immutable and thread-safe. */
    final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        private final URI uri;
        private final String reason;

        /**
         * @param uri the refused URL
         * @param reason why, e.g. {@code "example.test resolves to 10.0.0.7, a private address"}
         */
        public Refused(URI uri, String reason) {
            super("refused " + uri + ": " + reason);
            this.uri = uri;
            this.reason = reason;
        }

        /** The refused URL. */
        public URI uri() {
            return uri;
        }

        /** Why it was refused. */
        public String reason() {
            return reason;
        }
    }

    /** Configures the built-in policy. Not thread-safe; the built policy is immutable and thread-safe. */
    final class Builder {
        private boolean allowHttp;
        private boolean allowPrivateNetwork;
        private DnsResolver dns = DnsResolver.system();

        private Builder() {}

        /** Whether plain {@code http} URLs are allowed besides {@code https}. Default: no. */
        public Builder allowHttp(boolean allow) {
            this.allowHttp = allow;
            return this;
        }

        /**
         * Whether non-public addresses are allowed. Default: no. Turning it on is for local tests and development
         * only, and logs a warning when the policy is built.
         */
        public Builder allowPrivateNetwork(boolean allow) {
            this.allowPrivateNetwork = allow;
            return this;
        }

        /** Sets how host names are resolved for the check. Default: {@link DnsResolver#system()}. */
        public Builder dnsResolver(DnsResolver resolver) {
            this.dns = Objects.requireNonNull(resolver, "dnsResolver");
            return this;
        }

        /** The policy. */
        public NetworkPolicy build() {
            return new AddressPolicy(allowHttp, allowPrivateNetwork, dns);
        }
    }
}
