package dev.herald.core.security;

import dev.herald.webfinger.NetworkPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network policy of the Herald under test: it records every URL Herald asks to fetch and lets exactly one
 * origin through, the test's own loopback "remote" server. Every other URL is judged by the <em>production</em>
 * policy ({@link NetworkPolicy#publicOnly()}, with a resolver that never leaves the machine): what it refuses is
 * recorded as refused; what it would allow (a public address) is recorded as escaped and refused all the same, so
 * that a test never sends a packet off the machine. A test then asserts that nothing escaped and that every URL it
 * expected to be refused was refused by the production policy. Thread-safe.
 */
final class OutboundRecorder implements NetworkPolicy {
    /** One check: the URL, and what became of it. */
    record Attempt(URI uri, Verdict verdict, String reason) {}

    /** What the recorder did with a URL. */
    enum Verdict {
        /** The test's remote server: allowed. */
        ALLOWED_TEST_REMOTE,
        /** Refused by the production policy (or its address could not be checked): never fetched. */
        REFUSED_BY_PRODUCTION_POLICY,
        /** The production policy would have fetched it: a public address. Refused here, and a test failure. */
        ESCAPED
    }

    private final URI allowedOrigin;
    private final NetworkPolicy production;
    private final List<Attempt> attempts = new ArrayList<>();

    OutboundRecorder(URI allowedOrigin) {
        this.allowedOrigin = allowedOrigin;
        this.production =
                NetworkPolicy.builder().dnsResolver(OutboundRecorder::offline).build();
    }

    /**
     * Resolves address literals and {@code localhost} without a DNS query; every other name is unknown, as if DNS had
     * no answer. (With real DNS, {@code metadata.google.internal} would resolve to 169.254.169.254 and be refused.)
     */
    private static List<InetAddress> offline(String host) throws UnknownHostException {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return List.of(InetAddress.getByAddress(h, new byte[] {127, 0, 0, 1}));
        }
        if (h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (h.contains(":") && h.matches("[0-9a-f:.\\[\\]]+"))) {
            return List.of(InetAddress.getByName(h)); // a literal: no lookup
        }
        throw new UnknownHostException(host + " (the test resolves no names)");
    }

    @Override
    public void check(URI uri) throws IOException {
        if (isTestRemote(uri)) {
            record(uri, Verdict.ALLOWED_TEST_REMOTE, "");
            return;
        }
        try {
            production.check(uri);
        } catch (IOException e) {
            record(uri, Verdict.REFUSED_BY_PRODUCTION_POLICY, e.getMessage());
            throw e;
        }
        record(uri, Verdict.ESCAPED, "the production policy allows it");
        throw new Refused(uri, "the test lets no request leave the machine");
    }

    private boolean isTestRemote(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme())
                && uri.getRawUserInfo() == null
                && allowedOrigin.getHost().equals(uri.getHost())
                && allowedOrigin.getPort() == uri.getPort();
    }

    private synchronized void record(URI uri, Verdict verdict, String reason) {
        attempts.add(new Attempt(uri, verdict, reason));
    }

    /** The attempts recorded since {@code mark}. */
    synchronized List<Attempt> since(int mark) {
        return List.copyOf(attempts.subList(mark, attempts.size()));
    }

    /** A mark for {@link #since}. */
    synchronized int mark() {
        return attempts.size();
    }
}
