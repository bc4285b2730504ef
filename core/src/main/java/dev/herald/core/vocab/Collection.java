package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A collection or a page of one: an outbox, a followers list, a featured list, replies, or a page of
 * any of them. Herald serves followers as a count plus a first page, as Mastodon does.
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not.
 *
 * @param id the collection's id (an embedded first page may have none)
 * @param type which of the four collection types
 * @param totalItems how many items in all
 * @param first the first page (URI or embedded)
 * @param last the last page
 * @param next the next page (pages only)
 * @param prev the previous page (pages only)
 * @param partOf the collection a page belongs to (pages only)
 * @param items the items on this page or in this collection, newest first when ordered
 */
public record Collection(
        Optional<URI> id,
        CollectionType type,
        OptionalLong totalItems,
        Optional<ObjectRef> first,
        Optional<ObjectRef> last,
        Optional<URI> next,
        Optional<URI> prev,
        Optional<URI> partOf,
        List<ObjectRef> items)
        implements ApObject {

    /** Checks that every part is present, counts are not negative, and makes the list immutable. */
    public Collection {
        Checks.notNull(id, "id");
        id.ifPresent(i -> Checks.absolute(i, "id"));
        Checks.notNull(type, "type");
        Checks.notNull(totalItems, "totalItems");
        if (totalItems.isPresent() && totalItems.getAsLong() < 0) {
            throw new IllegalArgumentException("totalItems must not be negative, got " + totalItems.getAsLong());
        }
        Checks.notNull(first, "first");
        Checks.notNull(last, "last");
        Checks.notNull(next, "next");
        Checks.notNull(prev, "prev");
        Checks.notNull(partOf, "partOf");
        items = Checks.list(items, "items");
    }

    @Override
    public String typeName() {
        return type.jsonName();
    }

    /** A builder for a collection of {@code type}. */
    public static Builder builder(CollectionType type) {
        return new Builder(type);
    }

    /** Builds a {@link Collection}. Setters replace, adders append. Not thread-safe. */
    public static final class Builder {
        private final CollectionType type;
        private Optional<URI> id = Optional.empty();
        private OptionalLong totalItems = OptionalLong.empty();
        private Optional<ObjectRef> first = Optional.empty();
        private Optional<ObjectRef> last = Optional.empty();
        private Optional<URI> next = Optional.empty();
        private Optional<URI> prev = Optional.empty();
        private Optional<URI> partOf = Optional.empty();
        private final List<ObjectRef> items = new ArrayList<>();

        private Builder(CollectionType type) {
            this.type = Checks.notNull(type, "type");
        }

        /** Sets the id. */
        public Builder id(URI id) {
            this.id = Optional.of(Checks.absolute(id, "id"));
            return this;
        }

        /** Sets the total number of items. */
        public Builder totalItems(long totalItems) {
            if (totalItems < 0) {
                throw new IllegalArgumentException("totalItems must not be negative, got " + totalItems);
            }
            this.totalItems = OptionalLong.of(totalItems);
            return this;
        }

        /** Sets the first page. */
        public Builder first(ObjectRef first) {
            this.first = Optional.of(Checks.notNull(first, "first"));
            return this;
        }

        /** Sets the last page. */
        public Builder last(ObjectRef last) {
            this.last = Optional.of(Checks.notNull(last, "last"));
            return this;
        }

        /** Sets the next page. */
        public Builder next(URI next) {
            this.next = Optional.of(Checks.absolute(next, "next"));
            return this;
        }

        /** Sets the previous page. */
        public Builder prev(URI prev) {
            this.prev = Optional.of(Checks.absolute(prev, "prev"));
            return this;
        }

        /** Sets the collection this page belongs to. */
        public Builder partOf(URI partOf) {
            this.partOf = Optional.of(Checks.absolute(partOf, "partOf"));
            return this;
        }

        /** Adds an item. */
        public Builder addItem(ObjectRef item) {
            items.add(Checks.notNull(item, "item"));
            return this;
        }

        /** The collection. */
        public Collection build() {
            return new Collection(id, type, totalItems, first, last, next, prev, partOf, items);
        }
    }
}
