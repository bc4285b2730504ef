package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the WebFinger {@code resource} parser (docs/fuzzing.md). The oracle: {@link Resource#parse(String)} and
 * {@link Resource#parseHandle(String)} return a resource or throw {@link InvalidResourceException}; any other
 * throwable is a finding. A parsed resource's canonical form parses back to an equal resource, its {@link
 * Resource#uri()} is a valid URI, and an {@code acct:} resource's handle parses back to it when its user needs no
 * percent-encoding.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs in {@code ResourceFuzzTestInputs/parse} (test resources) and
 * the empty input, as a regression test.
 */
class ResourceFuzzTest {
    @FuzzTest
    void parse(byte[] input) {
        String value = new String(input, StandardCharsets.UTF_8);
        check(value, false);
        check(value, true);
    }

    private static void check(String value, boolean asHandle) {
        Resource resource;
        try {
            resource = asHandle ? Resource.parseHandle(value) : Resource.parse(value);
        } catch (InvalidResourceException expected) {
            assertThat(expected.reason()).isNotBlank();
            return;
        }
        String canonical = resource.toString();
        Resource again = Resource.parse(canonical);
        assertThat(again).as("parse(toString(parse(%s)))", value).isEqualTo(resource);
        assertThat(again.toString()).isEqualTo(canonical);
        assertThat(again.kind()).isEqualTo(resource.kind());
        assertThat(again.user()).isEqualTo(resource.user());
        assertThat(again.authority()).isEqualTo(resource.authority());
        assertThat(resource.uri().toString()).isEqualTo(canonical);
        // handle() shows the decoded user, so only a user that needs no percent-encoding parses back from it
        // (a handle such as @a/b@example.org is for people to read; parseHandle refuses it).
        if (resource.handle().isPresent()
                && canonical.equals("acct:" + resource.user().orElseThrow() + "@" + resource.authority())) {
            String handle = resource.handle().orElseThrow();
            assertThat(Resource.parseHandle(handle))
                    .as("parseHandle(%s)", handle)
                    .isEqualTo(resource);
        }
    }
}
