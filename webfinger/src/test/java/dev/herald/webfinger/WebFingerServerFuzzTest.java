package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the WebFinger server with raw query strings, as a remote client sends them (docs/fuzzing.md). The oracle:
 * {@link WebFingerServer#handle(WebFingerRequest)} never throws and answers 200 (only for the site's own account),
 * 400 or 404, always with the CORS header; anything else is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs in {@code WebFingerServerFuzzTestInputs/query} (test
 * resources) and the empty input, as a regression test.
 */
class WebFingerServerFuzzTest {
    private final WebFingerServer server = TestSite.server();

    @FuzzTest
    void query(byte[] input) {
        // A query string arrives as octets; ISO-8859-1 keeps each one as a character, as servlet containers do.
        String rawQuery = new String(input, StandardCharsets.ISO_8859_1);
        WebFingerResponse response = server.handle(
                        new WebFingerRequest("GET", WebFingerServer.WEBFINGER_PATH, rawQuery, "application/jrd+json"))
                .orElseThrow();
        assertThat(response.status()).as("status for ?%s", rawQuery).isIn(200, 400, 404);
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        if (response.status() == 200) {
            assertThat(response.bodyText()).contains(TestSite.ACTOR.toString());
        } else {
            assertThat(response.bodyText()).isNotBlank();
        }
    }
}
