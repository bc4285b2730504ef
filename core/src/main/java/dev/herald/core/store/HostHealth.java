package dev.herald.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a remote host has answered lately, for the deliverer's circuit breaker. Immutable.
 *
 * @param host the host, lower case
 * @param consecutiveFailures failed attempts since the last success
 * @param unavailableSince when the current run of failures began; empty while the host answers
 * @param lastSuccess the last successful delivery
 * @param lastFailure the last failed one
 */
public record HostHealth(
        String host,
        int consecutiveFailures,
        Optional<Instant> unavailableSince,
        Optional<Instant> lastSuccess,
        Optional<Instant> lastFailure) {
    /** Checks the parts. */
    public HostHealth {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(unavailableSince, "unavailableSince");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(lastFailure, "lastFailure");
    }

    /** A host's name as stored: lower case, checked. */
    public static String normalize(String host) {
        if (host == null || host.isBlank() || host.length() > 255) {
            throw new IllegalArgumentException("host must be 1 to 255 characters: " + host);
        }
        return host.toLowerCase(java.util.Locale.ROOT);
    }
}
