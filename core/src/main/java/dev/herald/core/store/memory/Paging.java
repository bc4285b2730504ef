package dev.herald.core.store.memory;

import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.internal.Cursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Cuts a page out of a snapshot, continuing strictly after the cursor's sort key. Stateless, thread-safe. */
final class Paging<T> {
    private final Function<T, Instant> at;
    private final Function<T, String> id;
    private final boolean newestFirst;

    Paging(Function<T, Instant> at, Function<T, String> id, boolean newestFirst) {
        this.at = at;
        this.id = id;
        this.newestFirst = newestFirst;
    }

    Page<T> page(List<T> items, PageRequest request) {
        Comparator<T> order = Comparator.comparing(at).thenComparing(id);
        if (newestFirst) {
            order = order.reversed();
        }
        Optional<Cursor> cursor = request.cursor().map(Cursor::decode);
        List<T> after = new ArrayList<>();
        for (T item : items) {
            if (cursor.isEmpty() || follows(cursor.get(), item)) {
                after.add(item);
            }
        }
        after.sort(order);
        List<T> slice = after.subList(0, Math.min(after.size(), request.limit()));
        Optional<String> next = Optional.empty();
        if (after.size() > slice.size()) {
            T last = slice.get(slice.size() - 1);
            next = Optional.of(new Cursor(at.apply(last), id.apply(last)).encode());
        }
        return new Page<>(slice, next);
    }

    private boolean follows(Cursor cursor, T item) {
        return newestFirst
                ? cursor.precedesDescending(at.apply(item), id.apply(item))
                : cursor.precedes(at.apply(item), id.apply(item));
    }
}
