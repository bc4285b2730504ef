package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A media attachment of a post: an image, video, audio file or document, or (Lemmy) a link.
 *
 * <p>The description (alt text) is written as {@code name}, as Mastodon does. On input it is read from
 * {@code name}, or from {@code summary} where GoToSocial puts it.
 *
 * <p>Immutable and thread-safe; the builder is not.
 *
 * @param type the ActivityStreams type: {@code Image}, {@code Document}, {@code Video}, {@code Audio} or
 *     {@code Link}
 * @param url where the file is
 * @param mediaType its MIME type, for example {@code image/jpeg}
 * @param name its description (alt text) for people who cannot see it
 * @param width width in pixels
 * @param height height in pixels
 * @param blurhash a BlurHash placeholder shown while the file loads
 * @param focalPoint where to centre a crop
 */
public record Attachment(
        String type,
        URI url,
        Optional<String> mediaType,
        Optional<String> name,
        OptionalInt width,
        OptionalInt height,
        Optional<String> blurhash,
        Optional<FocalPoint> focalPoint) {

    /** Checks that every part is present, the type is not blank and the URL is absolute. */
    public Attachment {
        Checks.notBlank(type, "type");
        Checks.absolute(url, "url");
        Checks.notNull(mediaType, "mediaType");
        Checks.notNull(name, "name");
        Checks.notNull(width, "width");
        Checks.notNull(height, "height");
        Checks.notNull(blurhash, "blurhash");
        Checks.notNull(focalPoint, "focalPoint");
    }

    /** A builder for an attachment of {@code type} at {@code url}. */
    public static Builder builder(String type, URI url) {
        return new Builder(type, url);
    }

    /** A builder for an {@code Image} attachment with its MIME type and alt text, as Herald publishes one. */
    public static Builder image(URI url, String mediaType, String altText) {
        return new Builder("Image", url).mediaType(mediaType).name(altText);
    }

    /** Builds an {@link Attachment}. Not thread-safe. */
    public static final class Builder {
        private final String type;
        private final URI url;
        private Optional<String> mediaType = Optional.empty();
        private Optional<String> name = Optional.empty();
        private OptionalInt width = OptionalInt.empty();
        private OptionalInt height = OptionalInt.empty();
        private Optional<String> blurhash = Optional.empty();
        private Optional<FocalPoint> focalPoint = Optional.empty();

        private Builder(String type, URI url) {
            this.type = Checks.notBlank(type, "type");
            this.url = Checks.absolute(url, "url");
        }

        /** Sets the MIME type. */
        public Builder mediaType(String mediaType) {
            this.mediaType = Optional.of(Checks.notNull(mediaType, "mediaType"));
            return this;
        }

        /** Sets the description (alt text). */
        public Builder name(String name) {
            this.name = Optional.of(Checks.notNull(name, "name"));
            return this;
        }

        /** Sets the size in pixels; both must be positive. */
        public Builder size(int width, int height) {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("width and height must be positive, got " + width + "x" + height);
            }
            this.width = OptionalInt.of(width);
            this.height = OptionalInt.of(height);
            return this;
        }

        /** Sets the BlurHash placeholder. */
        public Builder blurhash(String blurhash) {
            this.blurhash = Optional.of(Checks.notBlank(blurhash, "blurhash"));
            return this;
        }

        /** Sets the focal point. */
        public Builder focalPoint(FocalPoint focalPoint) {
            this.focalPoint = Optional.of(Checks.notNull(focalPoint, "focalPoint"));
            return this;
        }

        /** The attachment. */
        public Attachment build() {
            return new Attachment(type, url, mediaType, name, width, height, blurhash, focalPoint);
        }
    }
}
