package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the client decides before any connection is made; the loopback tests are in {@code WebFingerClientIT}. */
class WebFingerClientTest {
    private static final NetworkPolicy NO_NETWORK = uri -> {
        throw new AssertionError("no request expected, but asked to check " + uri);
    };

    @Test
    void rejectsAnInvalidHandleBeforeAnyRequest() {
        WebFingerClient client =
                WebFingerClient.builder().networkPolicy(NO_NETWORK).build();

        assertThatThrownBy(() -> client.lookup("not a handle")).isInstanceOf(InvalidResourceException.class);
        assertThatThrownBy(() -> client.lookupActor("@nobody")).isInstanceOf(InvalidResourceException.class);
        assertThatThrownBy(() -> client.resolveActor("xmpp:a@b.example")).isInstanceOf(InvalidResourceException.class);
        assertThatThrownBy(() -> client.lookup((Resource) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void refusesAHandleWhoseHostResolvesToAPrivateAddress() {
        NetworkPolicy policy = NetworkPolicy.builder()
                .dnsResolver(host -> List.of(InetAddress.getByName("10.0.0.7")))
                .build();
        WebFingerClient client = WebFingerClient.builder().networkPolicy(policy).build();

        assertThatThrownBy(() -> client.lookup("@admin@intranet.test"))
                .isInstanceOf(WebFingerException.RefusedAddress.class)
                .hasMessageContaining("refused to fetch https://intranet.test/.well-known/webfinger?resource=")
                .hasMessageContaining("intranet.test resolves to 10.0.0.7, a private address (10/8)")
                .satisfies(e -> assertThat(((WebFingerException) e).uri())
                        .hasValueSatisfying(uri -> assertThat(uri).hasHost("intranet.test")));
    }

    @Test
    void refusesPlainHttpUnderTheDefaultPolicy() {
        WebFingerClient client = WebFingerClient.builder().scheme("http").build();

        assertThatThrownBy(() -> client.lookup("@alice@127.0.0.1"))
                .isInstanceOf(WebFingerException.RefusedAddress.class)
                .hasMessageContaining("plain http is not allowed");
    }

    @Test
    void refusesTheCloudMetadataAddress() {
        WebFingerClient client = WebFingerClient.create();

        assertThatThrownBy(() -> client.lookup("@x@169.254.169.254"))
                .isInstanceOf(WebFingerException.RefusedAddress.class)
                .hasMessageContaining("cloud metadata");
    }

    @Test
    void aHostThatDoesNotResolveIsATransportError() {
        NetworkPolicy policy = NetworkPolicy.builder()
                .dnsResolver(host -> {
                    throw new java.net.UnknownHostException(host);
                })
                .build();
        WebFingerClient client = WebFingerClient.builder().networkPolicy(policy).build();

        assertThatThrownBy(() -> client.lookup("@a@nowhere.test"))
                .isInstanceOf(WebFingerException.Transport.class)
                .hasMessageContaining("could not fetch https://nowhere.test/.well-known/webfinger");
    }

    @Test
    void refusesAnHttpClientThatFollowsRedirectsItself() {
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        assertThatThrownBy(() -> WebFingerClient.builder().httpClient(following))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Redirect.NEVER");
    }

    @Test
    void builderChecksItsSettings() {
        HttpClient never = HttpClient.newBuilder().build();
        assertThatThrownBy(() -> WebFingerClient.builder()
                        .httpClient(never)
                        .connectTimeout(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> WebFingerClient.builder().scheme("ftp")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> WebFingerClient.builder().requestTimeout(Duration.ZERO))
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> WebFingerClient.builder().connectTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> WebFingerClient.builder().maxResponseBytes(0))
                .hasMessageContaining("maxResponseBytes");
        assertThatThrownBy(() -> WebFingerClient.builder().maxRedirects(-1)).hasMessageContaining("maxRedirects");
        assertThatThrownBy(() -> WebFingerClient.builder().maxRedirects(21)).hasMessageContaining("maxRedirects");
        assertThatThrownBy(() -> WebFingerClient.builder().userAgent(" ")).hasMessageContaining("userAgent");
        assertThatThrownBy(() -> WebFingerClient.builder().networkPolicy(null)).hasMessageContaining("networkPolicy");
        assertThat(WebFingerClient.builder().httpClient(never).build()).isNotNull();
    }

    @Test
    void exceptionMessagesNameTheUrl() {
        URI url = URI.create("https://example.org/.well-known/webfinger?resource=acct%3Aa%40example.org");

        assertThat(new WebFingerException.NotFound(url, 410, null))
                .hasMessage("not found: " + url + " answered HTTP 410 (gone)")
                .satisfies(e -> assertThat(e.isGone()).isTrue());
        assertThat(new WebFingerException.Timeout(url, Duration.ofMillis(300), null))
                .hasMessage("timed out after 300 ms fetching " + url);
        assertThat(new WebFingerException.TooLarge(url, 1024))
                .hasMessage("response from " + url + " is larger than 1024 bytes");
        assertThat(new WebFingerException.TooManyRedirects(url, 3))
                .hasMessage("more than 3 redirects; the last from " + url);
        assertThat(new WebFingerException.UnexpectedStatus(url, 500))
                .hasMessage(url + " answered HTTP 500")
                .satisfies(e -> assertThat(e.status()).isEqualTo(500));
        assertThat(new WebFingerException.InvalidJrd(url, "not JSON"))
                .hasMessage("invalid JRD from " + url + ": not JSON");
        assertThat(new WebFingerException.Transport(url, new java.net.ConnectException("Connection refused")))
                .hasMessageStartingWith("could not fetch " + url + ": java.net.ConnectException");
    }
}
