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

    /**
     * The most rows a queue's purge reads, and so deletes, in one transaction. After an upgrade, or on a big site,
     * there can be millions of finished rows to purge: in one transaction they would stay locked until the last is
     * deleted, and the transaction would keep all of them to undo. Batches of this many keep each transaction short
     * (some 150 ms on an in-memory H2 on 2 cores), yet large enough that the cost of a transaction (a commit; on the
     * embedded H2, a write to the file) is spread thin. A batch's ids are bound one by one, and PostgreSQL takes at
     * most 65,535 parameters.
     */
    public static final int PURGE_BATCH = 5_000;

    /**
     * All stores over {@code db}, with the payload limit in characters; a purge reads at most {@code purgeBatch} rows
     * per transaction.
     */
    public static Stores over(Db db, int maxPayload, int purgeBatch) {
        return new Stores(
                db,
                new JdbcKeyPairs(db),
                new JdbcObjects(db),
                new JdbcFollowers(db),
                new JdbcFollowing(db),
                new JdbcDeliveries(db, maxPayload, purgeBatch),
                new JdbcInbox(db, maxPayload, purgeBatch),
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
