package dev.herald.core.vocab;

/**
 * Mastodon's focal point of an image: where to centre a crop. Both coordinates run from -1 to 1; (0, 0)
 * is the centre, (-1, 1) the top-left corner.
 *
 * <p>Immutable and thread-safe.
 *
 * @param x horizontal position, -1 (left) to 1 (right)
 * @param y vertical position, -1 (bottom) to 1 (top)
 */
public record FocalPoint(double x, double y) {
    /** Checks that both coordinates are within [-1, 1]. */
    public FocalPoint {
        if (!(x >= -1 && x <= 1) || !(y >= -1 && y <= 1)) {
            throw new IllegalArgumentException("focal point must be within [-1, 1], got (" + x + ", " + y + ")");
        }
    }

    /** The centre of the image. */
    public static final FocalPoint CENTRE = new FocalPoint(0, 0);
}
