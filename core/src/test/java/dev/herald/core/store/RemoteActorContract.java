package dev.herald.core.store;

import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RemoteActorCache}: by actor id and key id, replaced on refetch, expiry kept and purged. */
public interface RemoteActorContract extends StoreContract {
    private static RemoteActor alice(long fetched, String key) {
        return new RemoteActor(
                uri("r.example", "/users/alice"),
                Optional.of(uri("r.example", "/users/alice#" + key)),
                Optional.of("-----BEGIN PUBLIC KEY-----\n" + key + "\n-----END PUBLIC KEY-----\n"),
                Optional.of(uri("r.example", "/users/alice/inbox")),
                Optional.of(uri("r.example", "/inbox")),
                "{\"type\":\"Person\"}",
                at(fetched),
                at(fetched + 3600));
    }

    @Test
    default void cachedActorIsFoundByIdAndByKeyId() {
        store().remoteActors().put(alice(0, "main-key"));

        assertThat(store().remoteActors().find(uri("r.example", "/users/alice")))
                .contains(alice(0, "main-key"));
        assertThat(store().remoteActors().findByKeyId(uri("r.example", "/users/alice#main-key")))
                .contains(alice(0, "main-key"));
        assertThat(store().remoteActors().find(uri("r.example", "/users/bob"))).isEmpty();
    }

    @Test
    default void refetchReplacesTheEntryAndItsKey() {
        store().remoteActors().put(alice(0, "old"));
        store().remoteActors().put(alice(10, "rotated"));

        assertThat(store().remoteActors().findByKeyId(uri("r.example", "/users/alice#old")))
                .isEmpty();
        assertThat(store().remoteActors().findByKeyId(uri("r.example", "/users/alice#rotated")))
                .contains(alice(10, "rotated"));
    }

    @Test
    default void actorWithoutKeyOrInboxesIsCached() {
        RemoteActor bare = new RemoteActor(
                uri("r.example", "/groups/g"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "{}",
                at(0),
                at(1));
        store().remoteActors().put(bare);
        assertThat(store().remoteActors().find(bare.id())).contains(bare);
    }

    @Test
    default void expiredEntriesAreStillReadUntilPurged() {
        store().remoteActors().put(alice(0, "k"));
        RemoteActor cached =
                store().remoteActors().find(uri("r.example", "/users/alice")).orElseThrow();

        assertThat(cached.isExpired(at(3599))).isFalse();
        assertThat(cached.isExpired(at(3600))).isTrue();
        assertThat(store().remoteActors().purgeExpired(at(3599))).isZero();
        assertThat(store().remoteActors().purgeExpired(at(3600))).isEqualTo(1);
        assertThat(store().remoteActors().find(uri("r.example", "/users/alice")))
                .isEmpty();
    }

    @Test
    default void evictedActorIsGone() {
        store().remoteActors().put(alice(0, "k"));
        assertThat(store().remoteActors().evict(uri("r.example", "/users/alice")))
                .isTrue();
        assertThat(store().remoteActors().evict(uri("r.example", "/users/alice")))
                .isFalse();
        assertThat(store().remoteActors().findByKeyId(uri("r.example", "/users/alice#k")))
                .isEmpty();
    }
}
