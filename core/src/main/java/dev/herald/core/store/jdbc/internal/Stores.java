package dev.herald.core.store.jdbc.internal;

import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.StoredObject;
import java.time.Instant;

/**
 * Every JDBC store over one {@link Db}, and the write that spans two of them. Not part of the API.
 * Thread-safe.
 *
 * @param db the database
 * @param keyPairs key pairs
 * @param objects objects
 * @param followers followers
 * @param following following
 * @param deliveries the delivery queue
 * @param inbox the inbox queue
 * @param remoteActors the remote-actor cache
 * @param hostHealth host health
 * @param engagement engagement
 * @param quoteAuthorizations quote authorizations
 */
public record Stores(
        Db db,
        JdbcKeyPairs keyPairs,
        JdbcObjects objects,
        JdbcFollowers followers,
        JdbcFollowing following,
        JdbcDeliveries deliveries,
        JdbcInbox inbox,
        JdbcRemoteActors remoteActors,
        JdbcHostHealth hostHealth,
        JdbcEngagement engagement,
        JdbcQuoteAuthorizations quoteAuthorizations) {

    /** All stores over {@code db}, with the payload limit in characters. */
    public static Stores over(Db db, int maxPayload) {
        return new Stores(
                db,
                new JdbcKeyPairs(db),
                new JdbcObjects(db),
                new JdbcFollowers(db),
                new JdbcFollowing(db),
                new JdbcDeliveries(db, maxPayload),
                new JdbcInbox(db, maxPayload),
                new JdbcRemoteActors(db),
                new JdbcHostHealth(db),
                new JdbcEngagement(db),
                new JdbcQuoteAuthorizations(db));
    }

    /** Stores the object and queues its deliveries in one transaction. */
    public int publish(StoredObject object, DeliveryBatch batch, Instant now) {
        deliveries.check(batch);
        return db.tx("publish " + object.id(), c -> {
            objects.put(c, object);
            return deliveries.enqueue(c, batch, now);
        });
    }
}
