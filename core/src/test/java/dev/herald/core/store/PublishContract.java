package dev.herald.core.store;

import static dev.herald.core.store.FollowerContract.follower;
import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link HeraldStore#publish}: the object and its deliveries together, or neither. */
public interface PublishContract extends StoreContract {
    private static StoredObject post() {
        return new StoredObject(
                uri("site.example", "/notes/1"),
                "news",
                "Note",
                "{\"type\":\"Note\"}",
                at(0),
                Optional.empty(),
                Optional.empty(),
                StoredObject.Visibility.PUBLIC,
                false);
    }

    @Test
    default void publishStoresTheObjectAndQueuesItsDeliveries() {
        store().followers().put(follower("news", "a.example", "a", true, 0));
        store().followers().put(follower("news", "b.example", "b", false, 0));

        int queued = store().publish(
                        post(),
                        DeliveryBatch.toFollowers(DeliveryContract.activity(1), "news", "{\"type\":\"Create\"}"),
                        at(0));

        assertThat(queued).isEqualTo(2);
        assertThat(store().objects().find(post().id())).contains(post());
        assertThat(store().deliveries().claim("w", 10, Duration.ofMinutes(1), at(0)))
                .hasSize(2);
    }

    @Test
    default void refusedPublishStoresNothing() {
        String huge = "x".repeat((1 << 20) + 1);

        assertThatThrownBy(() -> store().publish(
                                post(), DeliveryBatch.toFollowers(DeliveryContract.activity(1), "news", huge), at(0)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store().objects().find(post().id())).isEmpty();
        assertThat(store().deliveries().counts()).containsEntry(JobState.PENDING, 0L);
    }
}
