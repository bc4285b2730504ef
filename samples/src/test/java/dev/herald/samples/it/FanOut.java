package dev.herald.samples.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.Pem;
import dev.herald.signatures.VerificationKey;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fan-out of the reliability tests: followers seeded straight into the sample's store (before the sample
 * starts, or beside it on PostgreSQL) with their inboxes on {@link LoopbackSinks}, one post published through the
 * admin API, and what the sample and the sinks then say.
 */
final class FanOut {
    /** Followers behind each host's shared inbox. */
    static final int SHARED_INBOX_FOLLOWERS = 3;

    private FanOut() {}

    /**
     * Seeds followers of {@code actor} so that a post goes to exactly {@code deliveries} distinct inboxes spread
     * evenly over the sinks' hosts: on each host one shared inbox ({@code /inbox}, behind {@value
     * #SHARED_INBOX_FOLLOWERS} followers), the rest personal inboxes ({@code /users/uN/inbox}).
     *
     * @return the inboxes a post must reach
     */
    static List<URI> seed(HeraldStore store, String actor, LoopbackSinks sinks, int deliveries) throws Exception {
        int hosts = sinks.hosts();
        if (deliveries < hosts) {
            throw new IllegalArgumentException("at least one inbox per host: " + deliveries + " < " + hosts);
        }
        List<Follower> followers = new ArrayList<>();
        List<URI> inboxes = new ArrayList<>();
        Instant now = Instant.now();
        for (int h = 0; h < hosts; h++) {
            URI base = sinks.base(h);
            URI shared = URI.create(base + "/inbox");
            inboxes.add(shared);
            for (int s = 0; s < SHARED_INBOX_FOLLOWERS; s++) {
                URI id = URI.create(base + "/users/s" + s);
                followers.add(new Follower(
                        actor,
                        id,
                        URI.create(id + "/inbox"),
                        Optional.of(shared),
                        Optional.empty(),
                        Follower.State.ACCEPTED,
                        now));
            }
            int personal = deliveries / hosts + (h < deliveries % hosts ? 1 : 0) - 1;
            for (int u = 0; u < personal; u++) {
                URI id = URI.create(base + "/users/u" + u);
                URI inbox = URI.create(id + "/inbox");
                inboxes.add(inbox);
                followers.add(new Follower(
                        actor, id, inbox, Optional.empty(), Optional.empty(), Follower.State.ACCEPTED, now));
            }
        }
        // A few writers: one transaction per follower, as the inbox stores a Follow.
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            int slice = (followers.size() + 3) / 4;
            for (int i = 0; i < followers.size(); i += slice) {
                List<Follower> part = followers.subList(i, Math.min(followers.size(), i + slice));
                done.add(writers.submit(() -> part.forEach(store.followers()::put)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }
        assertThat(inboxes).hasSize(deliveries);
        return inboxes;
    }

    /** The actor's public key as its document (served by this process) publishes it: {@code [keyId, PEM]}. */
    static String[] publicKey(SampleProcess sample) {
        URI here = URI.create(sample.local() + sample.actor().getRawPath());
        JsonObject actor = SampleProcess.json(
                SampleProcess.get(here, "application/activity+json").body());
        JsonObject key = actor.getJsonObject("publicKey");
        return new String[] {key.getString("id"), key.getString("publicKeyPem")};
    }

    /** A key resolver that knows only the sample's actor key. */
    static KeyResolver keyOf(SampleProcess sample) {
        String[] key = publicKey(sample);
        VerificationKey verification = VerificationKey.of(key[0], Pem.readPublicKey(key[1]), sample.actor());
        return keyId -> key[0].equals(keyId) ? Optional.of(verification) : Optional.empty();
    }

    /** Publishes a post through the admin API; returns how many deliveries it queued. */
    static int publish(SampleProcess sample, String text) {
        HttpResponse<String> created =
                sample.api("POST", "/posts", "{\"content\": \"<p>" + text + "</p>\", \"hashtags\": [\"herald\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return SampleProcess.json(created.body()).getInt("deliveries");
    }

    /** {@code GET /admin/api/deliveries}. */
    static JsonObject deliveries(SampleProcess sample) {
        return SampleProcess.json(sample.api("GET", "/deliveries", null).body());
    }

    /** The 1-minute load average ({@code /proc/loadavg}), to print beside figures; "?" if unknown. */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The value of a system property, or the default. */
    static int property(String name, int otherwise) {
        return Integer.parseInt(
                System.getProperty(name, String.valueOf(otherwise)).strip());
    }
}
