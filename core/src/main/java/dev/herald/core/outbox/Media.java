package dev.herald.core.outbox;

import dev.herald.core.internal.Checks;
import dev.herald.core.vocab.FocalPoint;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An image or video attached to a {@link Post}, with its description (alt text) for people who cannot see it.
 * Mastodon shows at most four. Immutable and thread-safe.
 *
 * @param kind image or video
 * @param url where the file is: a public {@code https} URL on the site
 * @param mediaType its MIME type, e.g. {@code image/jpeg}
 * @param altText its description; required unless the post opts out ({@link Post.Builder#allowMissingAltText()})
 * @param width width in pixels
 * @param height height in pixels
 * @param blurhash a BlurHash placeholder shown while it loads
 * @param focalPoint where to centre a crop
 */
public record Media(
        Kind kind,
        URI url,
        String mediaType,
        Optional<String> altText,
        OptionalInt width,
        OptionalInt height,
        Optional<String> blurhash,
        Optional<FocalPoint> focalPoint) {

    /** What kind of file it is. */
    public enum Kind {
        /** A picture: written as an ActivityStreams {@code Image}. */
        IMAGE("Image"),
        /** A video: written as a {@code Video}. */
        VIDEO("Video");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** The ActivityStreams type. */
        public String activityStreamsType() {
            return type;
        }
    }

    /** Checks the parts: an absolute URL, a MIME type, alt text that is not blank if given. */
    public Media {
        Checks.notNull(kind, "kind");
        Checks.absolute(url, "url");
        Checks.notBlank(mediaType, "mediaType");
        Checks.notNull(altText, "altText");
        altText = altText.map(String::strip).filter(s -> !s.isEmpty());
        Checks.notNull(width, "width");
        Checks.notNull(height, "height");
        Checks.notNull(blurhash, "blurhash");
        Checks.notNull(focalPoint, "focalPoint");
    }

    /** An image with its description. */
    public static Media image(URI url, String mediaType, String altText) {
        return new Media(
                Kind.IMAGE,
                url,
                mediaType,
                Optional.of(Checks.notNull(altText, "altText")),
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** A video with its description. */
    public static Media video(URI url, String mediaType, String altText) {
        return new Media(
                Kind.VIDEO,
                url,
                mediaType,
                Optional.of(Checks.notNull(altText, "altText")),
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** An image without a description: a post carrying it needs {@link Post.Builder#allowMissingAltText()}. */
    public static Media imageWithoutDescription(URI url, String mediaType) {
        return new Media(
                Kind.IMAGE,
                url,
                mediaType,
                Optional.empty(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** This media with its size in pixels (both positive). */
    public Media withSize(int widthPixels, int heightPixels) {
        if (widthPixels <= 0 || heightPixels <= 0) {
            throw new IllegalArgumentException(
                    "width and height must be positive, got " + widthPixels + "x" + heightPixels);
        }
        return new Media(
                kind,
                url,
                mediaType,
                altText,
                OptionalInt.of(widthPixels),
                OptionalInt.of(heightPixels),
                blurhash,
                focalPoint);
    }

    /** This media with a BlurHash placeholder. */
    public Media withBlurhash(String hash) {
        return new Media(
                kind,
                url,
                mediaType,
                altText,
                width,
                height,
                Optional.of(Checks.notBlank(hash, "blurhash")),
                focalPoint);
    }

    /** This media with a focal point. */
    public Media withFocalPoint(FocalPoint point) {
        return new Media(
                kind,
                url,
                mediaType,
                altText,
                width,
                height,
                blurhash,
                Optional.of(Checks.notNull(point, "focalPoint")));
    }
}
