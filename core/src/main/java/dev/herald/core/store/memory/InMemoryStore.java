package dev.herald.core.store.memory;

import dev.herald.core.store.Follower;
import dev.herald.core.store.FollowerStore;
import dev.herald.core.store.Following;
import dev.herald.core.store.FollowingStore;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.KeyPairStore;
import dev.herald.core.store.ObjectStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.StoredObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A {@link HeraldStore} in memory. Thread-safe (concurrent maps; listings copy a snapshot). Nothing
 * survives a restart: for tests and demos only.
 */
public final class InMemoryStore implements HeraldStore {
    private final Map<String, StoredKeyPair> keyPairs = new ConcurrentHashMap<>();
    private final Map<URI, StoredObject> objects = new ConcurrentHashMap<>();
    private final Map<String, Follower> followers = new ConcurrentHashMap<>();
    private final Map<String, Following> following = new ConcurrentHashMap<>();

    private final KeyPairStore keyPairStore = new KeyPairStore() {
        @Override
        public Optional<StoredKeyPair> find(String actor) {
            return Optional.ofNullable(keyPairs.get(actor));
        }

        @Override
        public StoredKeyPair findOrCreate(String actor, Supplier<StoredKeyPair> generate) {
            return keyPairs.computeIfAbsent(actor, a -> generate.get());
        }
    };

    private final ObjectStore objectStore = new ObjectStore() {
        private final Comparator<StoredObject> newestFirst = Comparator.comparing(StoredObject::published)
                .thenComparing(o -> o.id().toString())
                .reversed();

        @Override
        public void put(StoredObject object) {
            objects.put(object.id(), object);
        }

        @Override
        public Optional<StoredObject> find(URI id) {
            return Optional.ofNullable(objects.get(id));
        }

        @Override
        public boolean markDeleted(URI id, Instant when) {
            return objects.computeIfPresent(
                            id,
                            (k, o) -> new StoredObject(
                                    o.id(),
                                    o.actor(),
                                    o.type(),
                                    o.json(),
                                    o.published(),
                                    o.updated(),
                                    Optional.of(when),
                                    o.visibility(),
                                    false))
                    != null;
        }

        @Override
        public boolean setPinned(URI id, boolean pinned) {
            return objects.computeIfPresent(
                            id,
                            (k, o) -> new StoredObject(
                                    o.id(),
                                    o.actor(),
                                    o.type(),
                                    o.json(),
                                    o.published(),
                                    o.updated(),
                                    o.deleted(),
                                    o.visibility(),
                                    pinned))
                    != null;
        }

        @Override
        public Page<StoredObject> listByActor(String actor, PageRequest page) {
            return page(live(actor, o -> true), page, newestFirst, o -> o.id().toString());
        }

        @Override
        public long countByActor(String actor) {
            return live(actor, o -> true).size();
        }

        @Override
        public Page<StoredObject> listPinned(String actor, PageRequest page) {
            return page(live(actor, StoredObject::pinned), page, newestFirst, o -> o.id().toString());
        }

        private List<StoredObject> live(String actor, Predicate<StoredObject> filter) {
            return objects.values().stream()
                    .filter(o -> o.actor().equals(actor) && !o.isDeleted() && filter.test(o))
                    .collect(Collectors.toList());
        }
    };

    private final FollowerStore followerStore = new FollowerStore() {
        private final Comparator<Follower> oldestFirst = Comparator.comparing(Follower::since)
                .thenComparing(f -> f.follower().toString());

        @Override
        public void put(Follower follower) {
            followers.put(key(follower.actor(), follower.follower()), follower);
        }

        @Override
        public Optional<Follower> find(String actor, URI follower) {
            return Optional.ofNullable(followers.get(key(actor, follower)));
        }

        @Override
        public boolean remove(String actor, URI follower) {
            return followers.remove(key(actor, follower)) != null;
        }

        @Override
        public Page<Follower> list(String actor, Follower.State state, PageRequest page) {
            return page(of(actor, state), page, oldestFirst, f -> f.follower().toString());
        }

        @Override
        public long count(String actor, Follower.State state) {
            return of(actor, state).size();
        }

        @Override
        public void forEachDeliveryInbox(String actor, Consumer<URI> inbox) {
            Set<URI> inboxes = new LinkedHashSet<>();
            for (Follower follower : of(actor, Follower.State.ACCEPTED)) {
                inboxes.add(follower.deliveryInbox());
            }
            inboxes.forEach(inbox);
        }

        @Override
        public int removeByInbox(URI inbox) {
            int before = followers.size();
            followers
                    .values()
                    .removeIf(f -> f.deliveryInbox().equals(inbox) || f.inbox().equals(inbox));
            return before - followers.size();
        }

        private List<Follower> of(String actor, Follower.State state) {
            return followers.values().stream()
                    .filter(f -> f.actor().equals(actor) && f.state() == state)
                    .collect(Collectors.toList());
        }
    };

    private final FollowingStore followingStore = new FollowingStore() {
        @Override
        public void put(Following record) {
            following.put(key(record.actor(), record.followee()), record);
        }

        @Override
        public Optional<Following> find(String actor, URI followee) {
            return Optional.ofNullable(following.get(key(actor, followee)));
        }

        @Override
        public boolean remove(String actor, URI followee) {
            return following.remove(key(actor, followee)) != null;
        }

        @Override
        public Page<Following> list(String actor, PageRequest page) {
            List<Following> accepted = following.values().stream()
                    .filter(f -> f.actor().equals(actor) && f.accepted())
                    .collect(Collectors.toList());
            return page(
                    accepted,
                    page,
                    Comparator.comparing(Following::since)
                            .thenComparing(f -> f.followee().toString()),
                    f -> f.followee().toString());
        }

        @Override
        public long count(String actor) {
            return following.values().stream()
                    .filter(f -> f.actor().equals(actor) && f.accepted())
                    .count();
        }
    };

    @Override
    public KeyPairStore keyPairs() {
        return keyPairStore;
    }

    @Override
    public ObjectStore objects() {
        return objectStore;
    }

    @Override
    public FollowerStore followers() {
        return followerStore;
    }

    @Override
    public FollowingStore following() {
        return followingStore;
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private static String key(String actor, URI remote) {
        return actor + "\n" + remote;
    }

    /** Sorts a snapshot and cuts the page after the cursor (the cursor is the last item's sort key + id). */
    private static <T> Page<T> page(
            List<T> items, PageRequest request, Comparator<T> order, java.util.function.Function<T, String> id) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(order);
        int start = 0;
        if (request.cursor().isPresent()) {
            String cursor = request.cursor().get();
            start = sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                if (id.apply(sorted.get(i)).equals(cursor)) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(sorted.size(), start + request.limit());
        List<T> slice = sorted.subList(start, end);
        Optional<String> next = end < sorted.size() && !slice.isEmpty()
                ? Optional.of(id.apply(slice.get(slice.size() - 1)))
                : Optional.empty();
        return new Page<>(slice, next);
    }
}
