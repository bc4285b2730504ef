package dev.herald.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker's hold on a claimed job until {@code until}. After that the job is due again and another worker
 * may claim it; the first worker's report is then refused. Immutable.
 *
 * @param owner the worker id passed to {@code claim}
 * @param token identifies this claim; a report must carry it to count
 * @param until when the lease expires
 */
public record Lease(String owner, String token, Instant until) {
    /** Checks the parts. */
    public Lease {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(until, "until");
    }
}
