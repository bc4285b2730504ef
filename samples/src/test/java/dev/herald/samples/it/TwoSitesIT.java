package dev.herald.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented recipe, {@code samples/two-sites.sh}, run as is: alice follows bob, bob posts, it arrives. */
class TwoSitesIT {
    @TempDir
    Path data;

    @Test
    void theRecipeShowsBobsPostArrivingAtAlice() throws Exception {
        Path script = Paths.get(System.getProperty("herald.sample.script", "two-sites.sh"));
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("JAR", SampleProcess.jar().toString());
        builder.environment().put("DATA", data.toString());
        builder.environment().put("PORT_A", String.valueOf(SampleProcess.freePort()));
        builder.environment().put("PORT_B", String.valueOf(SampleProcess.freePort()));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("two-sites.sh did not finish: " + output);
        }
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("alice follows @bob@127.0.0.1:")
                .contains("Received Create")
                .containsPattern("\"delivered\":[1-9]")
                .contains("\"failed\":0")
                .contains("two-sites: OK: the post arrived");
    }
}
