package dev.herald.core.inbox;

import dev.herald.signatures.SigningKey;
import java.io.IOException;
import java.net.URI;

/**
 * Sends one activity the inbox produced (the {@code Accept} of a follow, the {@code Reject} of a refused one) to
 * one remote inbox, signed with the local actor's key. The default posts it at once ({@link Inbox.Builder#sender});
 * a site with Herald's delivery engine routes it through the delivery queue instead, for retries.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ActivitySender {
    /**
     * Sends {@code activity} to {@code inbox}.
     *
     * @param key the local actor's key
     * @param inbox the remote inbox
     * @param activity the activity's JSON, UTF-8
     * @throws IOException if it could not be delivered now (the inbox retries the processing later)
     */
    void send(SigningKey key, URI inbox, byte[] activity) throws IOException;
}
