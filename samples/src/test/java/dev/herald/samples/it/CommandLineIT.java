package dev.herald.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's command line: bad options exit 2 with a reason, keys survive a restart, SIGTERM stops it cleanly. */
class CommandLineIT {
    @TempDir
    Path data;

    @Test
    void unknownOptionExitsWithStatus2AndSaysWhich() throws Exception {
        SampleProcess.Result result = SampleProcess.run("--frobnicate");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unknown option: --frobnicate").contains("usage:");
    }

    @Test
    void invalidValuesExitWithStatus2() throws Exception {
        assertThat(SampleProcess.run("--port", "http").exitCode()).isEqualTo(2);
        assertThat(SampleProcess.run("--port").output()).contains("--port needs a value");
        assertThat(SampleProcess.run("--base-url", "ftp://x").output()).contains("--base-url");
        assertThat(SampleProcess.run("--handle", "no spaces").exitCode()).isEqualTo(2);
        assertThat(SampleProcess.run("--help").exitCode()).isZero();
    }

    @Test
    void keyPairAndPostsSurviveARestart() {
        String key;
        String post;
        try (SampleProcess first = SampleProcess.start(data, "--handle", "herald", "--name", "Herald News")) {
            assertThat(first.handle()).startsWith("@herald@");
            JsonObject actor = SampleProcess.json(SampleProcess.get(first.actor(), "application/activity+json")
                    .body());
            assertThat(actor.getString("name")).isEqualTo("Herald News");
            key = actor.getJsonObject("publicKey").getString("publicKeyPem");
            post = SampleProcess.json(first.api("POST", "/posts", "{\"content\": \"<p>kept</p>\"}")
                            .body())
                    .getString("id");
            assertThat(first.stop()).isIn(0, 143);
            assertThat(first.output()).contains("herald: stopped");
        }
        try (SampleProcess second = SampleProcess.start(data, "--handle", "herald")) {
            JsonObject actor = SampleProcess.json(SampleProcess.get(second.actor(), "application/activity+json")
                    .body());
            assertThat(actor.getJsonObject("publicKey").getString("publicKeyPem"))
                    .isEqualTo(key);
            assertThat(second.api("GET", "/stats", null).body()).contains("kept");
            assertThat(post).contains("/ap/objects/");
        }
    }

    @Test
    void warnsLoudlyAboutPrivateNetworks() {
        try (SampleProcess sample =
                SampleProcess.start(data, "--allow-private-network", "--base-url", "http://127.0.0.1:0")) {
            assertThat(sample.output()).anyMatch(l -> l.contains("WARNING") && l.contains("--allow-private-network"));
            assertThat(sample.handle())
                    .isEqualTo("@news@127.0.0.1:" + sample.origin().getPort());
        }
    }
}
