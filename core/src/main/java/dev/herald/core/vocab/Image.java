package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.util.Optional;

/**
 * An actor's avatar ({@code icon}) or header ({@code image}), or a custom emoji's picture.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url where the picture is
 * @param mediaType its MIME type, for example {@code image/png}
 * @param name its description (alt text)
 */
public record Image(URI url, Optional<String> mediaType, Optional<String> name) {
    /** Checks that {@code url} is absolute and the optionals are present. */
    public Image {
        Checks.absolute(url, "url");
        Checks.notNull(mediaType, "mediaType");
        Checks.notNull(name, "name");
    }

    /** An image with only a URL. */
    public static Image of(URI url) {
        return new Image(url, Optional.empty(), Optional.empty());
    }

    /** An image with a URL and a MIME type. */
    public static Image of(URI url, String mediaType) {
        return new Image(url, Optional.of(mediaType), Optional.empty());
    }
}
