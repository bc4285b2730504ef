package dev.herald.core.store;

import static dev.herald.core.store.StoreContract.at;
import static dev.herald.core.store.StoreContract.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ObjectStore}: objects, tombstones, pins, newest-first keyset paging. */
public interface ObjectContract extends StoreContract {
    private static StoredObject note(String actor, int n, Instant published) {
        return new StoredObject(
                uri("site.example", "/notes/" + actor + "/" + n),
                actor,
                "Note",
                "{\"type\":\"Note\",\"content\":\"note " + n + "\"}",
                published,
                Optional.empty(),
                Optional.empty(),
                StoredObject.Visibility.PUBLIC,
                false);
    }

    private static URI id(StoredObject o) {
        return o.id();
    }

    @Test
    default void storedObjectReadsBackWhole() {
        StoredObject o = new StoredObject(
                uri("site.example", "/notes/1"),
                "news",
                "Article",
                "{\"type\":\"Article\",\"name\":\"Release 2.0 — ünïcödé\"}",
                at(0),
                Optional.of(at(60)),
                Optional.empty(),
                StoredObject.Visibility.FOLLOWERS,
                true);
        store().objects().put(o);

        assertThat(store().objects().find(o.id())).contains(o);
        assertThat(store().objects().find(uri("site.example", "/notes/2"))).isEmpty();
    }

    @Test
    default void putReplacesTheObjectWithTheSameId() {
        StoredObject o = note("news", 1, at(0));
        store().objects().put(o);
        StoredObject edited = new StoredObject(
                o.id(),
                o.actor(),
                o.type(),
                "{\"edited\":true}",
                o.published(),
                Optional.of(at(5)),
                Optional.empty(),
                o.visibility(),
                false);
        store().objects().put(edited);

        assertThat(store().objects().find(o.id())).contains(edited);
        assertThat(store().objects().countByActor("news")).isEqualTo(1);
    }

    @Test
    default void deletedObjectIsKeptAsTombstoneButLeavesTheOutbox() {
        StoredObject o = note("news", 1, at(0));
        store().objects().put(o);
        store().objects().setPinned(o.id(), true);

        assertThat(store().objects().markDeleted(o.id(), at(100))).isTrue();

        StoredObject tombstone = store().objects().find(o.id()).orElseThrow();
        assertThat(tombstone.isDeleted()).isTrue();
        assertThat(tombstone.deleted()).contains(at(100));
        assertThat(tombstone.pinned()).isFalse();
        assertThat(store().objects().countByActor("news")).isZero();
        assertThat(store().objects().listByActor("news", PageRequest.first(10)).items())
                .isEmpty();
        assertThat(store().objects().markDeleted(uri("site.example", "/nothing"), at(1)))
                .isFalse();
    }

    @Test
    default void pinnedObjectsAreListedNewestFirst() {
        for (int i = 0; i < 4; i++) {
            store().objects().put(note("news", i, at(i)));
        }
        store().objects().setPinned(note("news", 1, at(1)).id(), true);
        store().objects().setPinned(note("news", 3, at(3)).id(), true);

        assertThat(store().objects().listPinned("news", PageRequest.first(10)).items())
                .extracting(ObjectContract::id)
                .containsExactly(
                        note("news", 3, at(3)).id(), note("news", 1, at(1)).id());
        assertThat(store().objects().setPinned(uri("site.example", "/nothing"), true))
                .isFalse();
    }

    @Test
    default void outboxPagesNewestFirstWithTiesBrokenById() {
        for (int i = 0; i < 25; i++) {
            // Pairs share a published time: the id decides between them.
            store().objects().put(note("news", 10 + i, at(i / 2)));
        }
        store().objects().put(note("other", 1, at(3)));

        List<StoredObject> all = StoreContract.all(p -> store().objects().listByActor("news", p), 10);

        assertThat(all).hasSize(25).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(o -> assertThat(o.actor()).isEqualTo("news"));
        for (int i = 1; i < all.size(); i++) {
            StoredObject newer = all.get(i - 1);
            StoredObject older = all.get(i);
            assertThat(newer.published()).isAfterOrEqualTo(older.published());
            if (newer.published().equals(older.published())) {
                assertThat(newer.id().toString()).isGreaterThan(older.id().toString());
            }
        }
        assertThat(store().objects().countByActor("news")).isEqualTo(25);
    }

    @Test
    default void nextPageStillWorksWhenTheCursorsObjectWasDeleted() {
        for (int i = 0; i < 6; i++) {
            store().objects().put(note("news", i, at(i)));
        }
        Page<StoredObject> first = store().objects().listByActor("news", PageRequest.first(3));
        StoredObject last = first.items().get(2);
        store().objects().markDeleted(last.id(), at(50));

        Page<StoredObject> second = store().objects()
                .listByActor("news", PageRequest.after(first.next().orElseThrow(), 3));

        assertThat(second.items())
                .extracting(ObjectContract::id)
                .containsExactly(
                        note("news", 2, at(2)).id(),
                        note("news", 1, at(1)).id(),
                        note("news", 0, at(0)).id());
        assertThat(second.next()).isEmpty();
    }

    @Test
    default void cursorNotMadeByTheStoreIsRefused() {
        assertThatThrownBy(() -> store().objects().listByActor("news", PageRequest.after("not a cursor!", 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cursor");
    }
}
