package dev.herald.core.inbox;

import dev.herald.core.internal.Checks;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.HeraldStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Sends one activity the inbox produced (the {@code Accept} of a follow, the {@code Reject} of a refused one) to
 * one remote inbox, signed by the local actor. A {@code Federation} queues them for its delivery engine ({@link
 * #queued}), which signs, retries and gives up as it does for posts; an {@link Inbox} built alone posts them at
 * once.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ActivitySender {
    /**
     * Sends {@code activity} to {@code inbox}.
     *
     * @param actor the local actor's username, whose key signs
     * @param activityId the activity's id
     * @param inbox the remote inbox
     * @param activity the activity's JSON, UTF-8
     * @throws IOException if it could not be sent or queued now (the inbox retries the processing later)
     */
    void send(String actor, URI activityId, URI inbox, byte[] activity) throws IOException;

    /**
     * A sender that queues each activity in the store's delivery queue and wakes the delivery engine: the delivery
     * engine's retries, per-host limits and circuit breaker then apply.
     *
     * @param store the store whose {@link HeraldStore#deliveries()} queue the engine works on
     * @param wakeUp tells the engine there is work (e.g. {@code engine::wakeUp})
     * @param clock the clock
     */
    static ActivitySender queued(HeraldStore store, Runnable wakeUp, Clock clock) {
        Checks.notNull(store, "store");
        Checks.notNull(wakeUp, "wakeUp");
        Checks.notNull(clock, "clock");
        return (actor, activityId, inbox, activity) -> {
            store.deliveries()
                    .enqueue(
                            DeliveryBatch.toInboxes(
                                    activityId, actor, new String(activity, StandardCharsets.UTF_8), List.of(inbox)),
                            clock.instant());
            wakeUp.run();
        };
    }
}
