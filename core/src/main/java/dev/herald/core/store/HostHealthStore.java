package dev.herald.core.store;

import java.time.Instant;
import java.util.Optional;

/** Per-host delivery outcomes: consecutive failures and since when a host is unavailable. Thread-safe. */
public interface HostHealthStore {
    /**
     * Counts one more failure for {@code host} (atomically, even across nodes) and returns the new state;
     * the first failure after a success sets {@code unavailableSince}.
     */
    HostHealth recordFailure(String host, Instant when);

    /** Resets the failure count and {@code unavailableSince}; returns the new state. */
    HostHealth recordSuccess(String host, Instant when);

    /** The host's state, if anything was recorded for it. */
    Optional<HostHealth> find(String host);

    /** Hosts with at least one consecutive failure, longest unavailable first (then by host). */
    Page<HostHealth> listFailing(PageRequest page);
}
