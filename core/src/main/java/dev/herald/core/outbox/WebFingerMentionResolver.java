package dev.herald.core.outbox;

import dev.herald.core.internal.Checks;
import dev.herald.webfinger.ResolvedActor;
import dev.herald.webfinger.WebFingerClient;
import dev.herald.webfinger.WebFingerException;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves mentions as Mastodon does: WebFinger {@code acct:user@host} to the actor id (one subject redirect at
 * most, through {@link WebFingerClient#resolveActor}), then the actor's inbox from an {@link InboxLookup} (the
 * remote-actor cache, or a signed fetch of the actor document). A lookup that fails is logged and the mention stays
 * text. Thread-safe if the lookup is.
 */
public final class WebFingerMentionResolver implements MentionResolver {
    private static final Logger LOG = LoggerFactory.getLogger(WebFingerMentionResolver.class);

    private final WebFingerClient webFinger;
    private final InboxLookup inboxes;

    /** Finds an actor's delivery inbox (shared inbox preferred) from its id. Implementations must be thread-safe. */
    @FunctionalInterface
    public interface InboxLookup {
        /** The delivery inbox of {@code actor}, or empty if its document could not be read. */
        Optional<URI> inboxOf(URI actor);
    }

    private WebFingerMentionResolver(WebFingerClient webFinger, InboxLookup inboxes) {
        this.webFinger = Checks.notNull(webFinger, "webFinger");
        this.inboxes = Checks.notNull(inboxes, "inboxes");
    }

    /** A resolver that asks {@code webFinger} for actor ids and {@code inboxes} for their inboxes. */
    public static WebFingerMentionResolver of(WebFingerClient webFinger, InboxLookup inboxes) {
        return new WebFingerMentionResolver(webFinger, inboxes);
    }

    @Override
    public Optional<Resolved> resolve(String handle) {
        Optional<ResolvedActor> actor;
        try {
            actor = webFinger.resolveActor(handle);
        } catch (WebFingerException | RuntimeException e) {
            LOG.info("Mention @{} not resolved: {}", handle, e.getMessage());
            return Optional.empty();
        }
        if (actor.isEmpty()) {
            LOG.info("Mention @{} not resolved: WebFinger names no ActivityPub actor", handle);
            return Optional.empty();
        }
        URI id = actor.get().actor();
        Optional<URI> inbox = inboxes.inboxOf(id);
        if (inbox.isEmpty()) {
            LOG.info("Mention @{} not resolved: no inbox found for {}", handle, id);
            return Optional.empty();
        }
        return Optional.of(new Resolved(handle, id, inbox.get()));
    }
}
