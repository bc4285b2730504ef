package dev.herald.signatures.sfv;

/** Argument checks whose exceptions name the caller's parameter. */
final class Check {
    private Check() {}

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
