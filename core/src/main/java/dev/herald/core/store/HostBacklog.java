package dev.herald.core.store;

import java.util.Objects;

/**
 * How many deliveries to one host are not finished yet (pending, claimed or waiting to retry). Immutable.
 *
 * @param host the inbox host, lower case
 * @param waiting the number of unfinished jobs
 */
public record HostBacklog(String host, long waiting) {
    /** Checks the parts. */
    public HostBacklog {
        Objects.requireNonNull(host, "host");
    }
}
