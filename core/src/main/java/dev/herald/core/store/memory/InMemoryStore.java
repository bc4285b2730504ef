package dev.herald.core.store.memory;

import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.EngagementStore;
import dev.herald.core.store.Follower;
import dev.herald.core.store.FollowerStore;
import dev.herald.core.store.Following;
import dev.herald.core.store.FollowingStore;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.HostHealthStore;
import dev.herald.core.store.InboxStore;
import dev.herald.core.store.KeyPairStore;
import dev.herald.core.store.ObjectStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.QuoteAuthorizationStore;
import dev.herald.core.store.RemoteActorCache;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.StoredObject;
import java.net.URI;
import java.time.Instant;
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
 * A {@link HeraldStore} in memory. Thread-safe (concurrent maps; listings copy a snapshot; the queues are
 * locked). Nothing survives a restart: for tests and demos only.
 */
public final class InMemoryStore implements HeraldStore {
    /** The default limit on a stored payload (a queued activity, a received one), in characters. */
    public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;

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
        private final Paging<StoredObject> newestFirst =
                new Paging<>(StoredObject::published, o -> o.id().toString(), true);

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
            return newestFirst.page(live(actor, o -> true), page);
        }

        @Override
        public long countByActor(String actor) {
            return live(actor, o -> true).size();
        }

        @Override
        public Page<StoredObject> listPinned(String actor, PageRequest page) {
            return newestFirst.page(live(actor, StoredObject::pinned), page);
        }

        private List<StoredObject> live(String actor, Predicate<StoredObject> filter) {
            return objects.values().stream()
                    .filter(o -> o.actor().equals(actor) && !o.isDeleted() && filter.test(o))
                    .collect(Collectors.toList());
        }
    };

    private final FollowerStore followerStore = new FollowerStore() {
        private final Paging<Follower> oldestFirst =
                new Paging<>(Follower::since, f -> f.follower().toString(), false);

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
            return oldestFirst.page(of(actor, state), page);
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
        private final Paging<Following> oldestFirst =
                new Paging<>(Following::since, f -> f.followee().toString(), false);

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
            return oldestFirst.page(accepted, page);
        }

        @Override
        public long count(String actor) {
            return following.values().stream()
                    .filter(f -> f.actor().equals(actor) && f.accepted())
                    .count();
        }
    };

    private final MemoryDeliveries deliveries;
    private final MemoryInbox inbox;
    private final MemoryCaches.Actors remoteActors = new MemoryCaches.Actors();
    private final MemoryCaches.Hosts hostHealth = new MemoryCaches.Hosts();
    private final MemoryEngagement engagement = new MemoryEngagement();
    private final MemoryQuoteAuthorizations quoteAuthorizations = new MemoryQuoteAuthorizations();

    /** An empty store with the default payload limit. */
    public InMemoryStore() {
        this(DEFAULT_MAX_PAYLOAD);
    }

    /**
     * An empty store.
     *
     * @param maxPayload the longest queued or received activity JSON, in characters
     */
    public InMemoryStore(int maxPayload) {
        if (maxPayload < 1) {
            throw new IllegalArgumentException("maxPayload must be positive: " + maxPayload);
        }
        this.deliveries = new MemoryDeliveries(followerStore::forEachDeliveryInbox, maxPayload);
        this.inbox = new MemoryInbox(maxPayload);
    }

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
    public DeliveryStore deliveries() {
        return deliveries;
    }

    @Override
    public InboxStore inbox() {
        return inbox;
    }

    @Override
    public RemoteActorCache remoteActors() {
        return remoteActors;
    }

    @Override
    public HostHealthStore hostHealth() {
        return hostHealth;
    }

    @Override
    public EngagementStore engagement() {
        return engagement;
    }

    @Override
    public QuoteAuthorizationStore quoteAuthorizations() {
        return quoteAuthorizations;
    }

    /**
     * {@inheritDoc} In memory the two writes are made under the delivery queue's lock: atomic with respect to
     * other publishes and enqueues (there is no crash to survive).
     */
    @Override
    public int publish(StoredObject object, DeliveryBatch batch, Instant now) {
        synchronized (deliveries) {
            deliveries.check(batch);
            objectStore.put(object);
            return deliveries.enqueue(batch, now);
        }
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private static String key(String actor, URI remote) {
        return actor + "\n" + remote;
    }
}
