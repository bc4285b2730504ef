package dev.herald.signatures;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * A body digest algorithm usable in {@code Content-Digest} (RFC 9530) and the legacy {@code Digest}
 * header (RFC 3230).
 *
 * <p>Only the algorithms RFC 9530 registers as "active" are supported; the deprecated ones (md5, sha,
 * unixsum…) are deliberately absent. Thread-safe: each {@link #digest(byte[])} call uses its own
 * {@link MessageDigest}.
 */
public enum DigestAlgorithm {
    /** SHA-256, 32-byte digests; the one every fediverse server sends and accepts. */
    SHA_256("sha-256", "SHA-256", 32),
    /** SHA-512, 64-byte digests. */
    SHA_512("sha-512", "SHA-512", 64);

    private final String token;
    private final String jdkName;
    private final int length;

    DigestAlgorithm(String token, String jdkName, int length) {
        this.token = token;
        this.jdkName = jdkName;
        this.length = length;
    }

    /** The RFC 9530 algorithm key, lower case: {@code sha-256}. */
    public String token() {
        return token;
    }

    /**
     * The JDK {@link MessageDigest} name, which is also the upper-case RFC 3230 {@code Digest} prefix:
     * {@code SHA-256}.
     */
    public String jdkName() {
        return jdkName;
    }

    /** The digest length in bytes. */
    public int length() {
        return length;
    }

    /**
     * Digests {@code body} in one pass, without copying it.
     *
     * @throws IllegalArgumentException if {@code body} is null
     */
    public byte[] digest(byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null");
        }
        return newMessageDigest().digest(body);
    }

    /**
     * The algorithm whose {@link #token()} equals {@code token} ignoring case ({@code SHA-256} and
     * {@code sha-256} both name {@link #SHA_256}), or empty if it is not supported.
     *
     * @throws IllegalArgumentException if {@code token} is null
     */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null) {
            throw new IllegalArgumentException("token must not be null");
        }
        String lower = token.toLowerCase(Locale.ROOT);
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equals(lower)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    private MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256 and SHA-512.
            throw new IllegalStateException(jdkName + " is not available", e);
        }
    }
}
