package dev.herald.core.store.memory;

import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.QuoteAuthorizationStore;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Quote authorizations in memory, keyed by id. Thread-safe (a concurrent map; listings copy a snapshot). */
final class MemoryQuoteAuthorizations implements QuoteAuthorizationStore {
    private final Map<URI, QuoteAuthorization> byId = new ConcurrentHashMap<>();
    private final Paging<QuoteAuthorization> paging =
            new Paging<>(QuoteAuthorization::requested, a -> a.id().toString(), false);

    @Override
    public void put(QuoteAuthorization authorization) {
        byId.put(authorization.id(), authorization);
    }

    @Override
    public Optional<QuoteAuthorization> find(URI id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<QuoteAuthorization> findByQuotingPost(URI quotingPost) {
        return byId.values().stream()
                .filter(a -> a.quotingPost().equals(quotingPost))
                .sorted(Comparator.comparing(QuoteAuthorization::requested).thenComparing(a -> a.id().toString()))
                .toList();
    }

    @Override
    public Page<QuoteAuthorization> list(String actor, QuoteAuthorization.State state, PageRequest page) {
        List<QuoteAuthorization> matching = byId.values().stream()
                .filter(a -> a.actor().equals(actor) && a.state() == state)
                .toList();
        return paging.page(matching, page);
    }

    @Override
    public boolean remove(URI id) {
        return byId.remove(id) != null;
    }

    @Override
    public int removeByQuotingActor(URI quotingActor) {
        int removed = 0;
        for (QuoteAuthorization a : byId.values()) {
            if (a.quotingActor().equals(quotingActor) && byId.remove(a.id(), a)) {
                removed++;
            }
        }
        return removed;
    }
}
