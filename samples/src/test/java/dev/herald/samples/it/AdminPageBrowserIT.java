package dev.herald.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin page in headless Chromium: log in with the token, write a post with a content warning, an image and its
 * description, see it listed; a missing description is refused in the page. Saves a screenshot under target/.
 */
class AdminPageBrowserIT {
    @TempDir
    Path dir;

    @Test
    void logsInPostsWithAnImageDescriptionAndSeesThePostListed() throws Exception {
        Path screenshots = Path.of(System.getProperty("herald.sample.screenshots", "target"));
        try (SampleProcess sample = SampleProcess.start(dir.resolve("data"));
                Chromium browser = Chromium.start(Files.createDirectories(dir.resolve("profile")))) {
            browser.navigate(URI.create(sample.origin() + "/admin"));
            browser.waitFor("document.getElementById('login-section').hidden === false", Duration.ofSeconds(10));

            browser.type("token", "wrong-token-000");
            browser.click("login-button");
            browser.waitFor(
                    "document.getElementById('login-error').textContent.includes('not accepted')",
                    Duration.ofSeconds(5));
            assertThat(browser.eval("document.getElementById('app').hidden")).isEqualTo(jakarta.json.JsonValue.TRUE);

            browser.type("token", SampleProcess.TOKEN);
            browser.click("login-button");
            browser.waitFor("document.getElementById('app').hidden === false", Duration.ofSeconds(10));

            browser.type("content", "Our spring concert is on 12 April.\n\nTickets are free.");
            browser.type("cw", "Loud music");
            browser.type("image-url", "https://www.example.org/media/concert.png");
            browser.click("publish");
            browser.waitFor(
                    "document.getElementById('status').textContent.includes('Describe the image')",
                    Duration.ofSeconds(5));

            browser.type("image-alt", "The orchestra on stage under blue lights");
            browser.type("hashtags", "music concert");
            browser.click("publish");
            browser.waitFor(
                    "document.getElementById('posts').innerText.includes('Our spring concert')",
                    Duration.ofSeconds(10));
            assertThat(((JsonString) browser.eval("document.getElementById('posts').innerText")).getString())
                    .contains("Loud music")
                    .contains("The orchestra on stage under blue lights");
            browser.waitFor("document.querySelector('#chart-posts svg') !== null", Duration.ofSeconds(5));
            browser.screenshot(screenshots.resolve("admin-page.png"));

            JsonObject post = SampleProcess.json(
                            sample.api("GET", "/posts", null).body())
                    .getJsonArray("items")
                    .getJsonObject(0);
            assertThat(post.getString("summary")).isEqualTo("Loud music");
            assertThat(post.getString("content"))
                    .contains("#<span>music</span>")
                    .contains("Tickets are free.");
            assertThat(post.getJsonArray("attachments").getJsonObject(0).getString("name"))
                    .isEqualTo("The orchestra on stage under blue lights");

            browser.navigate(URI.create(sample.origin() + "/"));
            browser.waitFor("document.body.innerText.includes('Loud music')", Duration.ofSeconds(5));
            browser.screenshot(screenshots.resolve("home-page.png"));
        }
        assertThat(screenshots.resolve("admin-page.png")).isNotEmptyFile();
    }
}
