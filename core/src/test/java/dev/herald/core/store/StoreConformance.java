package dev.herald.core.store;

/**
 * The store conformance suite: every contract, the same assertions for every implementation. A new store
 * (or SQL dialect) passes when one test class implements this interface and provides a fresh store.
 */
public interface StoreConformance
        extends KeyPairContract,
                ObjectContract,
                FollowerContract,
                FollowingContract,
                DeliveryContract,
                PublishContract,
                InboxContract,
                RemoteActorContract,
                HostHealthContract,
                EngagementContract,
                QuoteAuthorizationContract {}
