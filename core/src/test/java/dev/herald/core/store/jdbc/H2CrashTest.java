package dev.herald.core.store.jdbc;

import static dev.herald.core.store.jdbc.H2CrashChild.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.JobState;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the embedded default: a process killed with SIGKILL right after its commits loses none of
 * them, and the deliveries it had claimed are claimed again once their lease expires.
 */
class H2CrashTest {
    @Test
    void killedProcessLosesNothingCommittedAndItsClaimsAreTakenOverAfterTheLease(@TempDir Path dir) throws Exception {
        Process child = new ProcessBuilder(
                        javaBinary(), "-cp", classPath(), H2CrashChild.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // Skip the child's log lines.
            }
            assertThat(line).isEqualTo("READY 10");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (JdbcStore store = JdbcStore.embeddedH2(dir)) {
            assertThat(store.objects().find(H2CrashChild.POST)).isPresent();
            assertThat(store.deliveries().counts())
                    .containsEntry(JobState.PENDING, 90L)
                    .containsEntry(JobState.CLAIMED, 10L);
            assertThat(store.deliveries().claim("heir", 1000, Duration.ofMinutes(1), T0.plusSeconds(29)))
                    .hasSize(90);
            List<ClaimedDelivery> orphans =
                    store.deliveries().claim("heir", 1000, Duration.ofMinutes(1), T0.plusSeconds(30));
            assertThat(orphans).hasSize(10).allSatisfy(j -> assertThat(j.attempt())
                    .isEqualTo(2));
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Herald's classes, the tests' classes, H2 and SLF4J: all the child needs, on a plain class path. */
    private static String classPath() throws Exception {
        return Stream.of(
                        JdbcStore.class,
                        H2CrashChild.class,
                        Class.forName("org.h2.Driver"),
                        org.slf4j.LoggerFactory.class)
                .map(H2CrashTest::location)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
