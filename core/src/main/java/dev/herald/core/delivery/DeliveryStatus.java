package dev.herald.core.delivery;

import dev.herald.core.internal.Checks;
import dev.herald.core.store.HostBacklog;
import dev.herald.core.store.HostHealth;
import dev.herald.core.store.JobState;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How delivery stands: jobs per state (all nodes, from the store), the hosts with the largest backlog, the failing
 * hosts, and on this node the requests in flight, the open circuits and the last errors. For the admin page and API.
 * Immutable and thread-safe.
 *
 * @param counts jobs per state
 * @param backlog hosts with the most unfinished jobs, most first
 * @param failingHosts hosts with consecutive failures, longest failing first
 * @param openCircuits hosts this node sends nothing to until the instant given
 * @param inFlight jobs this node holds now
 * @param lastErrors this node's most recent failures, newest first
 */
public record DeliveryStatus(
        Map<JobState, Long> counts,
        List<HostBacklog> backlog,
        List<HostHealth> failingHosts,
        Map<String, Instant> openCircuits,
        int inFlight,
        List<Failure> lastErrors) {

    /** Copies the parts. */
    public DeliveryStatus {
        counts = Checks.map(counts, "counts");
        backlog = Checks.list(backlog, "backlog");
        failingHosts = Checks.list(failingHosts, "failingHosts");
        openCircuits = Checks.map(openCircuits, "openCircuits");
        lastErrors = Checks.list(lastErrors, "lastErrors");
    }

    /**
     * A failed attempt.
     *
     * @param at when it ended
     * @param activity the activity
     * @param inbox where it went
     * @param attempt which attempt it was
     * @param error what went wrong, e.g. {@code HTTP 503} or {@code timed out after PT30S}
     * @param givenUp whether the job was given up
     */
    public record Failure(Instant at, URI activity, URI inbox, int attempt, String error, boolean givenUp) {}
}
