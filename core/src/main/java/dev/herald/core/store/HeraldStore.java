package dev.herald.core.store;

/**
 * Everything Herald keeps, as narrow stores, plus the one write that spans two of them ({@link #publish}). An application passes one to the federation; the embedded
 * default is JDBC on H2, tests use {@link dev.herald.core.store.memory.InMemoryStore}.
 *
 * <p>Implementations must be thread-safe. {@link #close()} releases what the store opened itself (not a
 * {@code DataSource} the application passed in).
 */
public interface HeraldStore extends AutoCloseable {
    /** Local actors' key pairs. */
    KeyPairStore keyPairs();

    /** The site's published objects. */
    ObjectStore objects();

    /** Followers of local actors. */
    FollowerStore followers();

    /** Whom local actors follow. */
    FollowingStore following();

    /** The outgoing delivery queue. */
    DeliveryStore deliveries();

    /** The incoming activity queue. */
    InboxStore inbox();

    /** Remote actors' documents and keys. */
    RemoteActorCache remoteActors();

    /** Remote hosts' delivery health. */
    HostHealthStore hostHealth();

    /** Likes, boosts and replies to the site's objects. */
    EngagementStore engagement();

    /** Quote requests of the site's posts and the authorizations given (FEP-044f). */
    QuoteAuthorizationStore quoteAuthorizations();

    /**
     * Stores {@code object} (as {@link ObjectStore#put}) and queues its deliveries (as {@link
     * DeliveryStore#enqueue}) in one transaction: after a crash either both are there or neither. Use it for
     * a post and its {@code Create}, an edit and its {@code Update}, a tombstone and its {@code Delete}.
     *
     * @return how many delivery jobs were queued
     */
    int publish(StoredObject object, DeliveryBatch deliveries, java.time.Instant now);

    @Override
    void close();
}
