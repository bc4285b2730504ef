package dev.herald.core.store.memory;

import dev.herald.core.store.Engagement;
import dev.herald.core.store.EngagementCounts;
import dev.herald.core.store.EngagementStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Engagement in memory, keyed by activity id. Thread-safe (a concurrent map; listings copy a snapshot). */
final class MemoryEngagement implements EngagementStore {
    private final Map<URI, Engagement> byActivity = new ConcurrentHashMap<>();
    private final Paging<Engagement> paging =
            new Paging<>(Engagement::at, e -> e.activityId().toString(), false);

    @Override
    public boolean record(Engagement engagement) {
        return byActivity.putIfAbsent(engagement.activityId(), engagement) == null;
    }

    @Override
    public Optional<Engagement> find(URI activityId) {
        return Optional.ofNullable(byActivity.get(activityId));
    }

    @Override
    public boolean undo(URI activityId) {
        return byActivity.remove(activityId) != null;
    }

    @Override
    public int undo(Engagement.Kind kind, URI objectId, URI actor) {
        return removeIf(e ->
                e.kind() == kind && e.objectId().equals(objectId) && e.actor().equals(actor));
    }

    @Override
    public int removeByActor(URI actor) {
        return removeIf(e -> e.actor().equals(actor));
    }

    /** Removes matching entries one by one, counting only the removals this call made. */
    private int removeIf(java.util.function.Predicate<Engagement> filter) {
        int removed = 0;
        for (Engagement e : byActivity.values()) {
            if (filter.test(e) && byActivity.remove(e.activityId(), e)) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public EngagementCounts counts(URI objectId) {
        long[] counts = new long[Engagement.Kind.values().length];
        byActivity.values().stream()
                .filter(e -> e.objectId().equals(objectId))
                .forEach(e -> counts[e.kind().ordinal()]++);
        return new EngagementCounts(
                counts[Engagement.Kind.LIKE.ordinal()],
                counts[Engagement.Kind.BOOST.ordinal()],
                counts[Engagement.Kind.REPLY.ordinal()],
                counts[Engagement.Kind.QUOTE.ordinal()]);
    }

    @Override
    public Page<Engagement> list(URI objectId, Engagement.Kind kind, PageRequest page) {
        List<Engagement> matching = byActivity.values().stream()
                .filter(e -> e.objectId().equals(objectId) && e.kind() == kind)
                .toList();
        return paging.page(matching, page);
    }
}
