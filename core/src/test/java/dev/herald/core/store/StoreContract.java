package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every contract of the conformance suite needs: a fresh, empty store per test, and a few helpers. An
 * implementation's test class implements {@link StoreConformance} and provides {@link #store()}.
 */
public interface StoreContract {
    /** The base time of the tests (whole seconds: every store keeps at least microseconds). */
    Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    /**
     * The rows per transaction a store that purges in batches is built with for the suite: small, so that a purge in
     * a contract test takes several batches.
     */
    int PURGE_BATCH = 4;

    /** A fresh, empty store for this test. */
    HeraldStore store();

    /** {@link #T0} plus {@code seconds}. */
    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** An https URI on {@code host} with {@code path}. */
    static URI uri(String host, String path) {
        return URI.create("https://" + host + path);
    }

    /** Every item of a listing, page by page of {@code size}. */
    static <T> List<T> all(Function<PageRequest, Page<T>> lister, int size) {
        List<T> items = new ArrayList<>();
        Page<T> page = lister.apply(PageRequest.first(size));
        items.addAll(page.items());
        int guard = 0;
        while (page.next().isPresent()) {
            page = lister.apply(PageRequest.after(page.next().get(), size));
            items.addAll(page.items());
            if (++guard > 10_000) {
                throw new AssertionError("paging does not end");
            }
        }
        return items;
    }
}
