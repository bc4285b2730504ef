package dev.herald.signatures;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, per remote host, which signature specification that host last accepted, so a double-knock
 * starts with the one that works. Pluggable: a deployment with several nodes may keep it in its database.
 *
 * <p>Implementations must be thread-safe.
 */
public interface SpecMemory {
    /** The specification {@code host} last accepted, if known. */
    Optional<SignatureSpec> accepted(String host);

    /** Records that {@code host} accepted {@code spec}. */
    void remember(String host, SignatureSpec spec);

    /**
     * An in-memory memory of at most {@code maxHosts} hosts; the least recently used host is forgotten
     * first. Thread-safe.
     */
    static SpecMemory inMemory(int maxHosts) {
        if (maxHosts < 1) {
            throw new IllegalArgumentException("maxHosts must be positive: " + maxHosts);
        }
        return new SpecMemory() {
            private final Map<String, SignatureSpec> hosts = new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SignatureSpec> eldest) {
                    return size() > maxHosts;
                }
            };

            @Override
            public synchronized Optional<SignatureSpec> accepted(String host) {
                return Optional.ofNullable(hosts.get(host.toLowerCase(Locale.ROOT)));
            }

            @Override
            public synchronized void remember(String host, SignatureSpec spec) {
                hosts.put(host.toLowerCase(Locale.ROOT), spec);
            }
        };
    }

    /** An in-memory memory of up to 10,000 hosts. */
    static SpecMemory inMemory() {
        return inMemory(10_000);
    }
}
