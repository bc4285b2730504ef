package dev.herald.core.outbox;

import dev.herald.core.internal.Checks;
import dev.herald.core.vocab.Note;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;

/**
 * A {@link Post} as ActivityPub: the {@code Note} or {@code Article}, its JSON document (what is stored, served at
 * its id and embedded in the activities) and where mentioned actors receive it. Immutable and thread-safe.
 *
 * @param note the object as vocabulary
 * @param json its JSON document with {@code @context}; an {@code Article} also carries its {@code preview}
 * @param visibility who it is for
 * @param mentionInboxes the delivery inboxes of the mentioned actors, besides the followers
 */
public record RenderedPost(Note note, JsonObject json, Visibility visibility, List<URI> mentionInboxes) {
    /** Checks the parts. */
    public RenderedPost {
        Checks.notNull(note, "note");
        Checks.notNull(json, "json");
        Checks.notNull(visibility, "visibility");
        mentionInboxes = Checks.list(mentionInboxes, "mentionInboxes");
    }

    /** The object's id. */
    public URI id() {
        return note.id();
    }
}
