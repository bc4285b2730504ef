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

    /** Remote actors by id. */
    static final class Actors implements RemoteActorCache {
        private final Map<URI, RemoteActor> actors = new ConcurrentHashMap<>();

        @Override
        public void put(RemoteActor actor) {
            actors.put(actor.id(), actor);
        }

        @Override
        public Optional<RemoteActor> find(URI actorId) {
            return Optional.ofNullable(actors.get(actorId));
        }

        @Override
        public Optional<RemoteActor> findByKeyId(URI keyId) {
            return actors.values().stream()
                    .filter(a -> a.keyId().filter(keyId::equals).isPresent())
                    .findFirst();
        }

        @Override
        public boolean evict(URI actorId) {
            return actors.remove(actorId) != null;
        }

        @Override
        public int purgeExpired(Instant now) {
            int before = actors.size();
            actors.values().removeIf(a -> a.isExpired(now));
            return before - actors.size();
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
