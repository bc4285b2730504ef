package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.util.Optional;

/**
 * A reference to an object that may arrive as a bare URI or as an embedded object: the {@code object}
 * of an activity, the {@code first} page of a collection, an item of a collection.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ObjectRef {

    /** A reference by id only. */
    static ObjectRef of(URI id) {
        return new Link(id);
    }

    /** A reference that embeds the object itself. */
    static ObjectRef of(ApObject object) {
        return new Embedded(object);
    }

    /** The referenced object's id: the link itself, or the embedded object's id if it has one. */
    Optional<URI> id();

    /** The embedded object, if the reference carries one. */
    Optional<ApObject> embedded();

    /**
     * A reference by URI.
     *
     * @param uri the absolute URI of the referenced object
     */
    record Link(URI uri) implements ObjectRef {
        /** Checks that {@code uri} is absolute. */
        public Link {
            Checks.absolute(uri, "uri");
        }

        @Override
        public Optional<URI> id() {
            return Optional.of(uri);
        }

        @Override
        public Optional<ApObject> embedded() {
            return Optional.empty();
        }
    }

    /**
     * A reference that embeds the object.
     *
     * @param object the embedded object
     */
    record Embedded(ApObject object) implements ObjectRef {
        /** Checks that {@code object} is present. */
        public Embedded {
            Checks.notNull(object, "object");
        }

        @Override
        public Optional<URI> id() {
            if (object instanceof Actor a) {
                return Optional.of(a.id());
            } else if (object instanceof Note n) {
                return Optional.of(n.id());
            } else if (object instanceof Activity a) {
                return a.id();
            } else if (object instanceof Collection c) {
                return c.id();
            } else if (object instanceof Tombstone t) {
                return Optional.of(t.id());
            } else if (object instanceof PublicKey k) {
                return Optional.of(k.id());
            } else {
                return ((GenericObject) object).id();
            }
        }

        @Override
        public Optional<ApObject> embedded() {
            return Optional.of(object);
        }
    }
}
