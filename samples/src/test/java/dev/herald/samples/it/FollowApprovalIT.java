package dev.herald.samples.it;

import static dev.herald.samples.it.SampleProcess.eventually;
import static dev.herald.samples.it.SampleProcess.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.interop.FedifyPeer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --approve-followers: Fedify's follow requests wait in {@code GET /admin/api/followers?state=pending}; approving one
 * sends Fedify the Accept, rejecting the other sends the Reject.
 */
class FollowApprovalIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void approvedRequestsGetAnAcceptAndRejectedOnesAReject() {
        try (SampleProcess sample = SampleProcess.start(
                        data, "--allow-private-network", "--base-url", "http://127.0.0.1:0", "--approve-followers");
                FedifyPeer.Server ann = FedifyPeer.serve("ann");
                FedifyPeer.Server ben = FedifyPeer.serve("ben")) {
            String annActor = ann.ready().getString("actor");
            String benActor = ben.ready().getString("actor");
            for (FedifyPeer.Server peer : new FedifyPeer.Server[] {ann, ben}) {
                peer.command(Json.createObjectBuilder()
                        .add("cmd", "follow")
                        .add("target", sample.actor().toString())
                        .add("ref", "follow")
                        .build());
                JsonObject sent = peer.await(e -> "follow".equals(e.getString("ref", "")), WAIT);
                assertThat(sent.getBoolean("ok")).as(sent.toString()).isTrue();
            }
            eventually(WAIT, "both requests are pending", () -> {
                String pending =
                        sample.api("GET", "/followers?state=pending", null).body();
                return pending.contains(annActor) && pending.contains(benActor);
            });
            assertThat(json(sample.api("GET", "/followers", null).body())
                            .getJsonNumber("totalItems")
                            .longValue())
                    .isZero();

            var approved = sample.api("POST", "/followers/approve", "{\"actor\": \"" + annActor + "\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            ann.await(e -> "inbox".equals(e.getString("event", "")) && "Accept".equals(e.getString("type", "")), WAIT);

            var rejected = sample.api("POST", "/followers/reject", "{\"actor\": \"" + benActor + "\"}");
            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
            ben.await(e -> "inbox".equals(e.getString("event", "")) && "Reject".equals(e.getString("type", "")), WAIT);

            JsonObject followers = json(sample.api("GET", "/followers", null).body());
            assertThat(followers.getJsonArray("items").toString())
                    .contains(annActor)
                    .doesNotContain(benActor);
            assertThat(json(sample.api("GET", "/followers?state=pending", null).body())
                            .getJsonArray("items"))
                    .isEmpty();
            assertThat(sample.api("POST", "/followers/approve", "{\"actor\": \"" + benActor + "\"}")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(sample.api("POST", "/followers/approve", "{}").statusCode())
                    .isEqualTo(400);
        }
    }
}
