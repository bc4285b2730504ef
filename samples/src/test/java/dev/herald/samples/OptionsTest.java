package dev.herald.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.delivery.DeliverySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaultsAreTheContracts() {
        Options o = Options.defaults();
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.baseUrl()).isEmpty();
        assertThat(o.handle()).isEqualTo("news");
        assertThat(o.name()).isEqualTo("News");
        assertThat(o.data()).isEqualTo(Path.of("herald-data"));
        assertThat(o.jdbcUrl()).isEmpty();
        assertThat(o.adminToken()).isEmpty();
        assertThat(o.allowPrivateNetwork()).isFalse();
        assertThat(o.feed()).isEmpty();
        assertThat(o.feedInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.approveFollowers()).isFalse();
        assertThat(o.delivery()).isEqualTo(DeliveryOptions.defaults());
        DeliverySettings d = o.delivery().settings();
        assertThat(d.maxInFlight()).isEqualTo(DeliverySettings.defaults().maxInFlight());
        assertThat(d.lease()).isEqualTo(DeliverySettings.defaults().lease());
        assertThat(d.userAgent()).isEqualTo(DeliverySettings.defaults().userAgent());
    }

    @Test
    void deliveryOptionsChangeOnlyWhatTheyName() throws Exception {
        DeliverySettings d = Options.parse(List.of(
                        "--node",
                        "node-a",
                        "--delivery-in-flight",
                        "32",
                        "--delivery-per-host=2",
                        "--delivery-timeout",
                        "3",
                        "--delivery-lease",
                        "10"))
                .delivery()
                .settings();
        assertThat(d.userAgent()).isEqualTo(DeliverySettings.defaults().userAgent() + " (node node-a)");
        assertThat(d.maxInFlight()).isEqualTo(32);
        assertThat(d.perHostConcurrency()).isEqualTo(2);
        assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.lease()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.claimBatch()).isEqualTo(DeliverySettings.defaults().claimBatch());
        assertThat(d.retry()).isEqualTo(DeliverySettings.defaults().retry());
    }

    @Test
    void refusesALeaseShorterThanTwiceTheTimeout() {
        assertThatThrownBy(() -> Options.parse(List.of("--delivery-timeout", "10", "--delivery-lease", "15")))
                .isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("--delivery-lease (15 s) must be at least twice --delivery-timeout (10 s)");
        assertThatThrownBy(() -> Options.parse(List.of("--delivery-in-flight", "0")))
                .hasMessageContaining("--delivery-in-flight must be a number from 1");
        assertThatThrownBy(() -> Options.parse(List.of("--node", "a b"))).hasMessageContaining("--node");
    }

    @Test
    void readsEveryOptionWithSpaceOrEquals() throws Exception {
        Options o = Options.parse(List.of(
                "--port=0",
                "--bind",
                "0.0.0.0",
                "--base-url",
                "https://WWW.Example.org/",
                "--handle",
                "org",
                "--name",
                "Example Org",
                "--data",
                "/var/lib/herald",
                "--jdbc-url",
                "jdbc:postgresql://db/herald",
                "--admin-token",
                "s3cret-token",
                "--allow-private-network",
                "--feed",
                "https://www.example.org/feed.xml",
                "--feed-interval",
                "60",
                "--approve-followers"));
        assertThat(o.port()).isZero();
        assertThat(o.bind()).isEqualTo("0.0.0.0");
        assertThat(o.baseUrl()).contains(URI.create("https://www.example.org"));
        assertThat(o.handle()).isEqualTo("org");
        assertThat(o.name()).isEqualTo("Example Org");
        assertThat(o.data()).isEqualTo(Path.of("/var/lib/herald"));
        assertThat(o.jdbcUrl()).contains("jdbc:postgresql://db/herald");
        assertThat(o.adminToken()).isEqualTo(Optional.of("s3cret-token"));
        assertThat(o.allowPrivateNetwork()).isTrue();
        assertThat(o.feed()).contains(URI.create("https://www.example.org/feed.xml"));
        assertThat(o.feedInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.approveFollowers()).isTrue();
    }

    @Test
    void refusesUnknownOptionsAndBadValuesNamingThem() {
        assertThatThrownBy(() -> Options.parse(List.of("--verbose")))
                .isInstanceOf(Options.UsageException.class)
                .hasMessage("unknown option: --verbose");
        assertThatThrownBy(() -> Options.parse(List.of("--port", "70000"))).hasMessageContaining("--port");
        assertThatThrownBy(() -> Options.parse(List.of("--port"))).hasMessage("--port needs a value");
        assertThatThrownBy(() -> Options.parse(List.of("--handle", "--name", "x")))
                .hasMessage("--handle needs a value");
        assertThatThrownBy(() -> Options.parse(List.of("--base-url", "https://example.org/news")))
                .hasMessageContaining("no path");
        assertThatThrownBy(() -> Options.parse(List.of("--handle", "a.b"))).hasMessageContaining("--handle");
        assertThatThrownBy(() -> Options.parse(List.of("--jdbc-url", "postgres://x")))
                .hasMessageContaining("jdbc:");
        assertThatThrownBy(() -> Options.parse(List.of("--admin-token", "short")))
                .hasMessageContaining("8");
        assertThatThrownBy(() -> Options.parse(List.of("--feed", "ftp://x/feed")))
                .hasMessageContaining("--feed");
        assertThatThrownBy(() -> Options.parse(List.of("--allow-private-network=yes")))
                .hasMessageContaining("takes no value");
    }

    @Test
    void helpIsNotAnError() {
        assertThatThrownBy(() -> Options.parse(List.of("--help")))
                .isInstanceOf(Options.HelpRequested.class)
                .hasMessageContaining("usage:");
    }
}
