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
 * description, and a quote policy that asks for approval, see it listed; a missing description is refused in the page.
 * A remote actor's request to quote the post is listed, and the Approve button sends the Accept. Saves screenshots
 * under target/.
 */
class AdminPageBrowserIT {
    @TempDir
    Path dir;

    @Test
    void logsInPostsWithAnImageDescriptionAndSeesThePostListed() throws Exception {
        Path screenshots = Path.of(System.getProperty("herald.sample.screenshots", "target"));
        try (QuotingActor bob = QuotingActor.start();
                SampleProcess sample = SampleProcess.start(
                        dir.resolve("data"), "--allow-private-network", "--base-url", "http://127.0.0.1:0");
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
            browser.eval("document.getElementById('quote-policy').value = 'manual'");
            browser.click("publish");
            browser.waitFor(
                    "document.getElementById('posts').innerText.includes('Our spring concert')",
                    Duration.ofSeconds(10));
            assertThat(((JsonString) browser.eval("document.getElementById('posts').innerText")).getString())
                    .contains("Loud music")
                    .contains("The orchestra on stage under blue lights");
            browser.waitFor("document.querySelector('#chart-posts svg') !== null", Duration.ofSeconds(5));
            assertThat(((JsonString) browser.eval("document.getElementById('quote-pending').innerText")).getString())
                    .contains("Nobody is asking.");

            JsonObject post = SampleProcess.json(
                            sample.api("GET", "/posts", null).body())
                    .getJsonArray("items")
                    .getJsonObject(0);
            assertThat(post.getString("quotePolicy")).isEqualTo("manual");
            URI id = URI.create(post.getString("id"));
            URI quoting = bob.post("1", id);
            assertThat(bob.request(URI.create(sample.actor() + "/inbox"), "1", id, quoting)
                            .statusCode())
                    .isEqualTo(202);
            SampleProcess.eventually(Duration.ofSeconds(30), "the quote request is pending", () -> sample.api(
                            "GET", "/quotes?state=pending", null)
                    .body()
                    .contains(quoting.toString()));
            browser.navigate(URI.create(sample.origin() + "/admin"));
            browser.waitFor(
                    "document.querySelector('#quote-pending button[data-action=approve]') !== null",
                    Duration.ofSeconds(10));
            assertThat(((JsonString) browser.eval("document.getElementById('quote-pending').innerText")).getString())
                    .contains(bob.id().toString())
                    .contains("Our spring concert");
            browser.screenshot(screenshots.resolve("admin-page.png"));
            browser.eval("document.querySelector('#quote-pending button[data-action=approve]').click()");
            browser.waitFor(
                    "document.querySelector('#quote-accepted button[data-action=revoke]') !== null",
                    Duration.ofSeconds(10));
            bob.delivered(a -> a.getString("type").equals("Accept"));

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
