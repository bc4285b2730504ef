package dev.herald.samples;

import dev.herald.core.delivery.DeliverySettings;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The sample's delivery options (an addition to {@code SAMPLE-CONTRACT.md}): a node name, and the few limits of
 * Herald's {@link DeliverySettings} that an operator or a reliability test may want to change on the command line.
 * Whatever is not given keeps Herald's default. Immutable.
 *
 * @param node a name for this process: in the delivery {@code User-Agent} ({@code Herald/0.1 (node NAME)}), so that
 *     peers and tests can tell the nodes that share one database apart
 * @param inFlight {@link DeliverySettings#maxInFlight()}
 * @param perHost {@link DeliverySettings#perHostConcurrency()}
 * @param timeout {@link DeliverySettings#requestTimeout()}
 * @param lease {@link DeliverySettings#lease()}
 */
public record DeliveryOptions(
        Optional<String> node,
        OptionalInt inFlight,
        OptionalInt perHost,
        Optional<Duration> timeout,
        Optional<Duration> lease) {

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    /** No option given: Herald's defaults. */
    public static DeliveryOptions defaults() {
        return new DeliveryOptions(
                Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    /** Herald's defaults with these options applied. */
    public DeliverySettings settings() {
        DeliverySettings defaults = DeliverySettings.defaults();
        DeliverySettings.Builder b = DeliverySettings.builder();
        node.ifPresent(n -> b.userAgent(defaults.userAgent() + " (node " + n + ")"));
        inFlight.ifPresent(b::maxInFlight);
        perHost.ifPresent(b::perHostConcurrency);
        timeout.ifPresent(t -> {
            b.requestTimeout(t);
            if (t.compareTo(defaults.connectTimeout()) < 0) {
                b.connectTimeout(t);
            }
        });
        lease.ifPresent(b::lease);
        return b.build();
    }

    DeliveryOptions withNode(String value) throws Options.UsageException {
        if (!NODE.matcher(value).matches()) {
            throw new Options.UsageException("--node must be 1 to 40 of A-Z a-z 0-9 . _ -, got '" + value + "'");
        }
        return new DeliveryOptions(Optional.of(value), inFlight, perHost, timeout, lease);
    }

    DeliveryOptions withInFlight(String value) throws Options.UsageException {
        return new DeliveryOptions(
                node, OptionalInt.of(number("--delivery-in-flight", value, 1, 10_000)), perHost, timeout, lease);
    }

    DeliveryOptions withPerHost(String value) throws Options.UsageException {
        return new DeliveryOptions(
                node, inFlight, OptionalInt.of(number("--delivery-per-host", value, 1, 1000)), timeout, lease);
    }

    DeliveryOptions withTimeout(String value) throws Options.UsageException {
        Duration t = Duration.ofSeconds(number("--delivery-timeout", value, 1, 300));
        return new DeliveryOptions(node, inFlight, perHost, Optional.of(t), lease);
    }

    DeliveryOptions withLease(String value) throws Options.UsageException {
        Duration l = Duration.ofSeconds(number("--delivery-lease", value, 2, 86_400));
        return new DeliveryOptions(node, inFlight, perHost, timeout, Optional.of(l));
    }

    /** Throws if the options do not make valid settings together (the lease must be twice the timeout). */
    DeliveryOptions checked() throws Options.UsageException {
        try {
            settings();
        } catch (IllegalArgumentException e) {
            Duration t = timeout.orElse(DeliverySettings.defaults().requestTimeout());
            Duration l = lease.orElse(DeliverySettings.defaults().lease());
            throw new Options.UsageException("--delivery-lease (" + l.toSeconds()
                    + " s) must be at least twice --delivery-timeout (" + t.toSeconds() + " s)");
        }
        return this;
    }

    private static int number(String option, String value, int min, int max) throws Options.UsageException {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Options.UsageException(
                    option + " must be a number from " + min + " to " + max + ", got '" + value + "'");
        }
    }
}
