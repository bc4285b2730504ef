package dev.herald.core.store;

/**
 * Everything Herald keeps, as narrow stores. An application passes one to the federation; the embedded
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

    @Override
    void close();
}
