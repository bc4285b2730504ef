package dev.herald.core.inbox;

import dev.herald.core.vocab.ApObject;
import dev.herald.core.vocab.GenericObject;
import dev.herald.core.vocab.Note;
import java.net.URI;
import java.util.Optional;

/**
 * The parts of a remote Note, Article or other post that a reply or a quote needs. Immutable.
 *
 * @param id the post's id
 * @param author its {@code attributedTo}
 * @param inReplyTo the post it answers
 * @param quote the post it quotes (Notes and Articles only)
 * @param url its page
 * @param content its HTML, not sanitized yet
 */
record RemotePost(
        URI id, URI author, Optional<URI> inReplyTo, Optional<URI> quote, Optional<URI> url, Optional<String> content) {

    /** The post {@code object} is, if it is one with an id and an author. */
    static Optional<RemotePost> of(ApObject object) {
        if (object instanceof Note n) {
            return Optional.of(
                    new RemotePost(n.id(), n.attributedTo(), n.inReplyTo(), n.quote(), n.url(), n.content()));
        }
        if (object instanceof GenericObject g
                && g.id().isPresent()
                && g.attributedTo().isPresent()) {
            return Optional.of(new RemotePost(
                    g.id().get(), g.attributedTo().get(), g.inReplyTo(), Optional.empty(), g.url(), g.content()));
        }
        return Optional.empty();
    }
}
