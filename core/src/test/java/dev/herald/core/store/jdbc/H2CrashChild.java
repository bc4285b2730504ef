package dev.herald.core.store.jdbc;

import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.StoredObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process {@link H2CrashTest} kills: opens the embedded store, publishes a post to 100 inboxes, claims
 * 10 deliveries, says READY, and waits to be killed with its work committed but unreported.
 */
public final class H2CrashChild {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final URI POST = URI.create("https://site.example/notes/crash");

    private H2CrashChild() {}

    /** Arguments: the data directory. */
    public static void main(String[] args) throws InterruptedException {
        JdbcStore store = JdbcStore.embeddedH2(Path.of(args[0]));
        List<URI> inboxes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            inboxes.add(URI.create("https://h" + i + ".example/inbox"));
        }
        StoredObject post = new StoredObject(
                POST,
                "news",
                "Note",
                "{\"content\":\"survives\"}",
                T0,
                Optional.empty(),
                Optional.empty(),
                StoredObject.Visibility.PUBLIC,
                false);
        store.publish(
                post,
                DeliveryBatch.toInboxes(URI.create("https://site.example/create/crash"), "news", "{}", inboxes),
                T0);
        int claimed = store.deliveries()
                .claim("doomed", 10, Duration.ofSeconds(30), T0)
                .size();
        System.out.println("READY " + claimed);
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
}
