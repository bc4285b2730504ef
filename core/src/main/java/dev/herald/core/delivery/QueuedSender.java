package dev.herald.core.delivery;

import dev.herald.core.inbox.ActivitySender;
import dev.herald.core.internal.Checks;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.DeliveryStore;
import dev.herald.signatures.SigningKey;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sends what the inbox produces (the {@code Accept} of a follow, a {@code Reject}) through the delivery queue
 * instead of at once: the job is stored, then the {@link DeliveryEngine} signs and sends it with the same retries,
 * backoff and circuit breaker as posts, so a follower whose server is briefly down is not left "pending". The key
 * is not put in the queue: the engine signs with the actor's stored key. Thread-safe.
 */
public final class QueuedSender implements ActivitySender {
    private final DeliveryStore deliveries;
    private final Function<String, Optional<String>> actorOfKey;
    private final Clock clock;
    private final Runnable queued;

    /**
     * @param deliveries the queue
     * @param actorOfKey the local actor (its key-store name) that owns a key id
     * @param clock the clock
     * @param queued run after a job is queued (wakes the engine)
     */
    public QueuedSender(
            DeliveryStore deliveries, Function<String, Optional<String>> actorOfKey, Clock clock, Runnable queued) {
        this.deliveries = Checks.notNull(deliveries, "deliveries");
        this.actorOfKey = Checks.notNull(actorOfKey, "actorOfKey");
        this.clock = Checks.notNull(clock, "clock");
        this.queued = Checks.notNull(queued, "queued");
    }

    /**
     * Queues {@code activity} for {@code inbox}, to be signed with the stored key of the actor owning {@code key}.
     *
     * @throws IOException if the key belongs to no local actor, or the store refused the job
     */
    @Override
    public void send(SigningKey key, URI inbox, byte[] activity) throws IOException {
        String actor = actorOfKey
                .apply(key.keyId())
                .orElseThrow(() -> new IOException("the key " + key.keyId() + " belongs to no local actor"));
        try {
            deliveries.enqueue(
                    DeliveryBatch.toInboxes(
                            idOf(activity), actor, new String(activity, StandardCharsets.UTF_8), List.of(inbox)),
                    clock.instant());
        } catch (RuntimeException e) {
            throw new IOException("could not queue the delivery to " + inbox + ": " + e.getMessage(), e);
        }
        queued.run();
    }

    private static URI idOf(byte[] activity) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(activity))) {
            JsonObject json = reader.readObject();
            URI id = URI.create(json.getString("id"));
            if (id.isAbsolute()) {
                return id;
            }
        } catch (JsonException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            // No usable id: queue it under a fresh one.
        }
        return URI.create("urn:uuid:" + UUID.randomUUID());
    }
}
