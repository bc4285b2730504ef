package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyTest {
    private static final NetworkPolicy PUBLIC_ONLY = NetworkPolicy.publicOnly();

    private static NetworkPolicy withDns(Map<String, List<String>> records) {
        return NetworkPolicy.builder()
                .dnsResolver(host -> {
                    List<String> addresses = records.get(host);
                    if (addresses == null) {
                        throw new UnknownHostException(host);
                    }
                    List<InetAddress> resolved = new java.util.ArrayList<>();
                    for (String address : addresses) {
                        resolved.add(InetAddress.getByName(address));
                    }
                    return resolved;
                })
                .build();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0.0.0.0|unspecified",
                "0.1.2.3|unspecified",
                "10.0.0.1|private address (10/8)",
                "10.255.255.255|private address (10/8)",
                "100.64.0.0|carrier-grade NAT",
                "100.127.255.255|carrier-grade NAT",
                "127.0.0.1|loopback",
                "127.255.255.254|loopback",
                "169.254.0.1|link-local",
                "169.254.169.254|cloud metadata",
                "172.16.0.0|private address (172.16/12)",
                "172.31.255.255|private address (172.16/12)",
                "192.0.0.8|IETF protocol assignment",
                "192.0.2.1|documentation",
                "192.88.99.1|6to4 relay",
                "192.168.1.1|private address (192.168/16)",
                "198.18.0.1|benchmarking",
                "198.19.255.255|benchmarking",
                "198.51.100.7|documentation",
                "203.0.113.9|documentation",
                "224.0.0.1|multicast",
                "239.255.255.255|multicast",
                "240.0.0.1|reserved",
                "255.255.255.255|broadcast",
                "::|unspecified",
                "::1|loopback",
                "::10.0.0.1|IPv4-compatible",
                "::ffff:127.0.0.1|loopback",
                "::ffff:169.254.169.254|cloud metadata",
                "64:ff9b::10.0.0.1|NAT64 address (64:ff9b::/96) embedding 10.0.0.1",
                "64:ff9b::169.254.169.254|cloud metadata",
                "64:ff9b:1::1|local-use NAT64",
                "100::1|discard-only",
                "2001::1|Teredo",
                "2001:db8::1|documentation",
                "2001:10::1|ORCHID",
                "2001:20::1|ORCHIDv2",
                "2002:0a00:0001::1|6to4 address (2002::/16) embedding 10.0.0.1",
                "2002:7f00:0001::|loopback",
                "3fff::1|documentation",
                "fc00::1|unique local",
                "fd12:3456::1|unique local",
                "fe80::1|link-local",
                "febf::1|link-local",
                "fec0::1|site-local",
                "ff02::1|multicast",
                "ff::1|reserved address (::/8)",
            })
    void refusesNonPublicAddressLiterals(String address, String reason) {
        String host = address.contains(":") ? "[" + address + "]" : address;
        URI uri = URI.create("https://" + host + "/.well-known/webfinger");

        assertThatThrownBy(() -> PUBLIC_ONLY.check(uri))
                .isInstanceOf(NetworkPolicy.Refused.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("only public addresses are allowed")
                .satisfies(e -> assertThat(((NetworkPolicy.Refused) e).uri()).isEqualTo(uri));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "9.255.255.255",
                "11.0.0.0",
                "100.63.255.255",
                "100.128.0.0",
                "126.255.255.255",
                "128.0.0.1",
                "169.253.255.255",
                "169.255.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "192.0.1.1",
                "192.167.255.255",
                "192.169.0.0",
                "198.17.255.255",
                "198.20.0.0",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2a00:1450:4001::1",
                "64:ff9b::1.1.1.1",
                "2002:0101:0101::1",
                "2001:4860:4860::8888",
                "::ffff:8.8.8.8",
            })
    void allowsPublicAddressLiterals(String address) {
        String host = address.contains(":") ? "[" + address + "]" : address;

        assertThatCode(() -> PUBLIC_ONLY.check(URI.create("https://" + host + "/")))
                .doesNotThrowAnyException();
    }

    @Test
    void checksAnIpv4MappedAddressEvenWhenTheJdkKeepsItInIpv6Form() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        NetworkPolicy policy =
                NetworkPolicy.builder().dnsResolver(host -> List.of(address)).build();

        assertThatThrownBy(() -> policy.check(URI.create("https://mapped.test/")))
                .hasMessageContaining("IPv4-mapped address embedding 10.0.0.1, a private address");
    }

    @Test
    void refusesAHostNameThatResolvesToAPrivateAddress() {
        NetworkPolicy policy = withDns(Map.of("internal.test", List.of("10.1.2.3")));

        assertThatThrownBy(() -> policy.check(URI.create("https://internal.test/x")))
                .isInstanceOf(NetworkPolicy.Refused.class)
                .hasMessageContaining("internal.test resolves to 10.1.2.3, a private address (10/8)");
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsNotPublic() {
        NetworkPolicy policy = withDns(Map.of("mixed.test", List.of("93.184.215.14", "127.0.0.1")));

        assertThatThrownBy(() -> policy.check(URI.create("https://mixed.test/")))
                .isInstanceOf(NetworkPolicy.Refused.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void allowsAHostNameThatResolvesToPublicAddressesOnly() {
        NetworkPolicy policy = withDns(Map.of("public.test", List.of("93.184.215.14", "2606:2800:21f:cb07::1")));

        assertThatCode(() -> policy.check(URI.create("https://public.test/"))).doesNotThrowAnyException();
    }

    @Test
    void theAddressAConnectionIsOpenedToIsCheckedAgainstDnsRebinding() throws Exception {
        // The check saw a public address; the connection's own resolution then gave a private one.
        NetworkPolicy policy = withDns(Map.of("rebind.test", List.of("93.184.215.14")));
        URI uri = URI.create("https://rebind.test/inbox");
        policy.check(uri);

        assertThatThrownBy(() -> policy.checkAddress(uri, java.net.InetAddress.getByName("10.0.0.7")))
                .isInstanceOf(NetworkPolicy.Refused.class)
                .hasMessageContaining("rebind.test resolved to 10.0.0.7 when connecting, a private address (10/8)");
        assertThatCode(() -> policy.checkAddress(uri, java.net.InetAddress.getByName("93.184.215.14")))
                .doesNotThrowAnyException();
        assertThatCode(() -> NetworkPolicy.allowPrivateNetwork()
                        .checkAddress(uri, java.net.InetAddress.getByName("127.0.0.1")))
                .doesNotThrowAnyException();
        NetworkPolicy custom = u -> {};
        assertThatCode(() -> custom.checkAddress(uri, java.net.InetAddress.getByName("127.0.0.1")))
                .doesNotThrowAnyException();
    }

    @Test
    void aHostThatDoesNotResolveIsATransportProblemNotARefusal() {
        NetworkPolicy policy = withDns(Map.of());

        assertThatThrownBy(() -> policy.check(URI.create("https://nowhere.test/")))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(NetworkPolicy.Refused.class)
                .hasMessageContaining("nowhere.test");
        NetworkPolicy empty =
                NetworkPolicy.builder().dnsResolver(host -> List.of()).build();
        assertThatThrownBy(() -> empty.check(URI.create("https://nowhere.test/")))
                .isInstanceOf(UnknownHostException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://93.184.215.14/|plain http is not allowed",
                "ftp://93.184.215.14/|scheme 'ftp' is not allowed",
                "file:///etc/passwd|scheme 'file' is not allowed",
                "data:text/plain,hello|scheme 'data' is not allowed",
                "gopher://93.184.215.14/|scheme 'gopher' is not allowed",
                "https:///nohost|no host",
                "https://user@93.184.215.14/|user information",
            })
    void refusesSchemesOtherThanHttpsAndUrlsWithoutAHost(String url, String reason) {
        assertThatThrownBy(() -> PUBLIC_ONLY.check(URI.create(url)))
                .isInstanceOf(NetworkPolicy.Refused.class)
                .hasMessageContaining(reason);
    }

    @Test
    void allowsHttpOnlyWhenAskedTo() {
        NetworkPolicy http = NetworkPolicy.builder().allowHttp(true).build();

        assertThatCode(() -> http.check(URI.create("http://93.184.215.14/"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> http.check(URI.create("http://127.0.0.1/"))).hasMessageContaining("loopback");
    }

    @Test
    void allowPrivateNetworkLetsLoopbackAndHttpThroughButNotOtherSchemes() {
        NetworkPolicy local = NetworkPolicy.allowPrivateNetwork();

        assertThatCode(() -> local.check(URI.create("http://127.0.0.1:8080/"))).doesNotThrowAnyException();
        assertThatCode(() -> local.check(URI.create("https://169.254.169.254/")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> local.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(NetworkPolicy.Refused.class);
        assertThat(local.toString()).contains("private network allowed");
        assertThat(PUBLIC_ONLY.toString()).contains("https only", "public addresses only");
    }

    @Test
    void allowPrivateNetworkDoesNotNeedDns() {
        NetworkPolicy local = NetworkPolicy.builder()
                .allowPrivateNetwork(true)
                .dnsResolver(host -> {
                    throw new AssertionError("no DNS expected for " + host);
                })
                .build();

        assertThatCode(() -> local.check(URI.create("https://anything.test/"))).doesNotThrowAnyException();
    }

    @Test
    void builderRejectsANullResolver() {
        assertThatThrownBy(() -> NetworkPolicy.builder().dnsResolver(null)).hasMessageContaining("dnsResolver");
    }
}
