package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An activity: something an actor did to an object ({@code Create}, {@code Follow}, {@code Undo}…).
 *
 * <p>The object may be a URI or an embedded object ({@link ObjectRef}); a {@code Flag} may name several
 * objects (the reported actor and posts), so {@link #objects()} is a list and {@link #object()} its
 * first entry.
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not.
 *
 * @param id the activity's id; transient activities (some embedded {@code Follow}s) have none
 * @param type the activity type
 * @param actor who did it
 * @param objects what it was done to
 * @param target where it was done (a {@code Move}'s new account, an {@code Add}'s collection)
 * @param to primary audience
 * @param cc secondary audience
 * @param published when it happened
 * @param content free text: a {@code Flag}'s comment, or a {@code Like}'s emoji reaction
 *     (Misskey's {@code _misskey_reaction})
 * @param instrument what it was done with: a {@code QuoteRequest}'s quoting post (FEP-044f)
 */
public record Activity(
        Optional<URI> id,
        ActivityType type,
        URI actor,
        List<ObjectRef> objects,
        Optional<URI> target,
        List<URI> to,
        List<URI> cc,
        Optional<Instant> published,
        Optional<String> content,
        Optional<ObjectRef> instrument)
        implements ApObject {

    /** Checks that every part is present and makes the lists immutable. */
    public Activity {
        Checks.notNull(id, "id");
        id.ifPresent(i -> Checks.absolute(i, "id"));
        Checks.notNull(type, "type");
        Checks.absolute(actor, "actor");
        objects = Checks.list(objects, "objects");
        Checks.notNull(target, "target");
        to = Checks.list(to, "to");
        cc = Checks.list(cc, "cc");
        Checks.notNull(published, "published");
        Checks.notNull(content, "content");
        Checks.notNull(instrument, "instrument");
    }

    @Override
    public String typeName() {
        return type.jsonName();
    }

    /** The first (usually only) object. */
    public Optional<ObjectRef> object() {
        return objects.stream().findFirst();
    }

    /** The id of the first object, whether it was given as a URI or embedded with an id. */
    public Optional<URI> objectId() {
        return object().flatMap(ObjectRef::id);
    }

    /** A builder for an activity of {@code type} by {@code actor}. */
    public static Builder builder(ActivityType type, URI actor) {
        return new Builder(type, actor);
    }

    /** Builds an {@link Activity}. Setters replace, adders append. Not thread-safe. */
    public static final class Builder {
        private final ActivityType type;
        private final URI actor;
        private Optional<URI> id = Optional.empty();
        private final List<ObjectRef> objects = new ArrayList<>();
        private Optional<URI> target = Optional.empty();
        private final List<URI> to = new ArrayList<>();
        private final List<URI> cc = new ArrayList<>();
        private Optional<Instant> published = Optional.empty();
        private Optional<String> content = Optional.empty();
        private Optional<ObjectRef> instrument = Optional.empty();

        private Builder(ActivityType type, URI actor) {
            this.type = Checks.notNull(type, "type");
            this.actor = Checks.absolute(actor, "actor");
        }

        /** Sets the id. */
        public Builder id(URI id) {
            this.id = Optional.of(Checks.absolute(id, "id"));
            return this;
        }

        /** Adds an object given by id. */
        public Builder object(URI object) {
            objects.add(ObjectRef.of(Checks.absolute(object, "object")));
            return this;
        }

        /** Adds an embedded object. */
        public Builder object(ApObject object) {
            objects.add(ObjectRef.of(Checks.notNull(object, "object")));
            return this;
        }

        /** Adds an object reference. */
        public Builder object(ObjectRef object) {
            objects.add(Checks.notNull(object, "object"));
            return this;
        }

        /** Sets the target. */
        public Builder target(URI target) {
            this.target = Optional.of(Checks.absolute(target, "target"));
            return this;
        }

        /** Adds a primary recipient. */
        public Builder addTo(URI recipient) {
            to.add(Checks.absolute(recipient, "recipient"));
            return this;
        }

        /** Adds a secondary recipient. */
        public Builder addCc(URI recipient) {
            cc.add(Checks.absolute(recipient, "recipient"));
            return this;
        }

        /** Sets when it happened. */
        public Builder published(Instant published) {
            this.published = Optional.of(Checks.notNull(published, "published"));
            return this;
        }

        /** Sets the free text. */
        public Builder content(String content) {
            this.content = Optional.of(Checks.notNull(content, "content"));
            return this;
        }

        /** Sets the instrument given by id. */
        public Builder instrument(URI object) {
            this.instrument = Optional.of(ObjectRef.of(Checks.absolute(object, "instrument")));
            return this;
        }

        /** Sets an embedded instrument. */
        public Builder instrument(ApObject object) {
            this.instrument = Optional.of(ObjectRef.of(Checks.notNull(object, "instrument")));
            return this;
        }

        /** Sets the instrument. */
        public Builder instrument(ObjectRef object) {
            this.instrument = Optional.of(Checks.notNull(object, "instrument"));
            return this;
        }

        /** The activity. */
        public Activity build() {
            return new Activity(id, type, actor, objects, target, to, cc, published, content, instrument);
        }
    }
}
