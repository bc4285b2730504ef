package dev.herald.core.store.memory;

import dev.herald.core.store.HostHealth;
import dev.herald.core.store.HostHealthStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.RemoteActor;
import dev.herald.core.store.RemoteActorCache;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The remote-actor cache and host health in memory. Thread-safe (concurrent maps, atomic compute). */
final class MemoryCaches {
    private MemoryCaches() {}

    /** Remote actors by id, and their ids by key id (the inbox looks actors up by key on every request). */
    static final class Actors implements RemoteActorCache {
        private final Map<URI, RemoteActor> actors = new ConcurrentHashMap<>();
        private final Map<URI, URI> byKey = new ConcurrentHashMap<>();

        @Override
        public synchronized void put(RemoteActor actor) {
            RemoteActor before = actors.put(actor.id(), actor);
            if (before != null) {
                before.keyId().ifPresent(k -> byKey.remove(k, before.id()));
            }
            actor.keyId().ifPresent(k -> byKey.put(k, actor.id()));
        }

        @Override
        public Optional<RemoteActor> find(URI actorId) {
            return Optional.ofNullable(actors.get(actorId));
        }

        @Override
        public Optional<RemoteActor> findByKeyId(URI keyId) {
            // One actor per key id: if two claimed one, the later put wins, as a refetch would decide.
            URI id = byKey.get(keyId);
            return id == null
                    ? Optional.empty()
                    : Optional.ofNullable(actors.get(id))
                            .filter(a -> a.keyId().filter(keyId::equals).isPresent());
        }

        @Override
        public synchronized boolean evict(URI actorId) {
            RemoteActor removed = actors.remove(actorId);
            if (removed == null) {
                return false;
            }
            removed.keyId().ifPresent(k -> byKey.remove(k, actorId));
            return true;
        }

        @Override
        public synchronized int purgeExpired(Instant now) {
            List<URI> expired = actors.values().stream()
                    .filter(a -> a.isExpired(now))
                    .map(RemoteActor::id)
                    .toList();
            expired.forEach(this::evict);
            return expired.size();
        }
    }

    /** Host health by host. */
    static final class Hosts implements HostHealthStore {
        private final Map<String, HostHealth> hosts = new ConcurrentHashMap<>();
        private final Paging<HostHealth> paging =
                new Paging<>(h -> h.unavailableSince().orElse(Instant.MAX), HostHealth::host, false);

        @Override
        public HostHealth recordFailure(String host, Instant when) {
            return hosts.compute(
                    HostHealth.normalize(host),
                    (h, old) -> old == null
                            ? new HostHealth(h, 1, Optional.of(when), Optional.empty(), Optional.of(when))
                            : new HostHealth(
                                    h,
                                    old.consecutiveFailures() + 1,
                                    Optional.of(old.unavailableSince().orElse(when)),
                                    old.lastSuccess(),
                                    Optional.of(when)));
        }

        @Override
        public HostHealth recordSuccess(String host, Instant when) {
            return hosts.compute(
                    HostHealth.normalize(host),
                    (h, old) -> new HostHealth(
                            h,
                            0,
                            Optional.empty(),
                            Optional.of(when),
                            old == null ? Optional.empty() : old.lastFailure()));
        }

        @Override
        public Optional<HostHealth> find(String host) {
            return Optional.ofNullable(hosts.get(HostHealth.normalize(host)));
        }

        @Override
        public Page<HostHealth> listFailing(PageRequest page) {
            List<HostHealth> failing = hosts.values().stream()
                    .filter(h -> h.consecutiveFailures() > 0)
                    .toList();
            return paging.page(failing, page);
        }
    }
}
