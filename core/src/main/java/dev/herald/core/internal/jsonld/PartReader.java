package dev.herald.core.internal.jsonld;

import static dev.herald.core.internal.jsonld.Values.instant;
import static dev.herald.core.internal.jsonld.Values.link;
import static dev.herald.core.internal.jsonld.Values.list;
import static dev.herald.core.internal.jsonld.Values.localized;
import static dev.herald.core.internal.jsonld.Values.ref;
import static dev.herald.core.internal.jsonld.Values.text;
import static dev.herald.core.internal.jsonld.Values.types;

import dev.herald.core.vocab.Attachment;
import dev.herald.core.vocab.FocalPoint;
import dev.herald.core.vocab.Image;
import dev.herald.core.vocab.PropertyValue;
import dev.herald.core.vocab.PublicKey;
import dev.herald.core.vocab.Tag;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the values inside objects: images, attachments, tags, keys and profile fields. An entry that
 * lacks what its type needs (an attachment without a URL, a mention without an href) is skipped rather
 * than failing the whole document.
 *
 * <p>Stateless and thread-safe.
 */
final class PartReader {
    private static final List<String> ATTACHMENT_TYPES = List.of("Image", "Document", "Video", "Audio", "Link");

    private PartReader() {}

    /** An avatar, header or emoji picture: an {@code Image} object, an array of them, or a bare URL. */
    static Optional<Image> image(JsonValue value) {
        for (JsonValue element : list(value)) {
            if (element instanceof JsonObject o) {
                Optional<URI> url = link(o.containsKey("url") ? o.get("url") : o.get("href"));
                if (url.isPresent()) {
                    return Optional.of(new Image(url.get(), text(o.get("mediaType")), localized(o, "name", "nameMap")));
                }
            } else {
                Optional<URI> url = link(element);
                if (url.isPresent()) {
                    return Optional.of(Image.of(url.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** Media attachments; {@code PropertyValue} entries (profile fields) and unknown types are skipped. */
    static List<Attachment> attachments(JsonValue value) {
        List<Attachment> result = new ArrayList<>();
        for (JsonValue element : list(value)) {
            if (element instanceof JsonObject o) {
                attachment(o).ifPresent(result::add);
            }
        }
        return result;
    }

    private static Optional<Attachment> attachment(JsonObject o) {
        Optional<String> type =
                types(o).stream().filter(ATTACHMENT_TYPES::contains).findFirst();
        Optional<URI> url = link(o.containsKey("url") ? o.get("url") : o.get("href"));
        if (type.isEmpty() || url.isEmpty()) {
            return Optional.empty();
        }
        Attachment.Builder builder = Attachment.builder(type.get(), url.get());
        text(o.get("mediaType")).ifPresent(builder::mediaType);
        // Mastodon puts alt text in name; GoToSocial in summary.
        localized(o, "name", "nameMap")
                .or(() -> localized(o, "summary", "summaryMap"))
                .filter(alt -> !alt.isEmpty())
                .ifPresent(builder::name);
        var width = Values.positiveInt(o.get("width"));
        var height = Values.positiveInt(o.get("height"));
        if (width.isPresent() && height.isPresent()) {
            builder.size(width.getAsInt(), height.getAsInt());
        }
        text(o.get("blurhash")).filter(b -> !b.isBlank()).ifPresent(builder::blurhash);
        focalPoint(o.get("focalPoint")).ifPresent(builder::focalPoint);
        return Optional.of(builder.build());
    }

    private static Optional<FocalPoint> focalPoint(JsonValue value) {
        List<JsonValue> xy = list(value instanceof JsonObject o ? o.get("@list") : value);
        if (xy.size() != 2) {
            return Optional.empty();
        }
        Optional<Double> x = Values.unitInterval(xy.get(0));
        Optional<Double> y = Values.unitInterval(xy.get(1));
        return x.isPresent() && y.isPresent() ? Optional.of(new FocalPoint(x.get(), y.get())) : Optional.empty();
    }

    /** Profile fields: the {@code PropertyValue} entries of an actor's {@code attachment}. */
    static List<PropertyValue> fields(JsonValue value) {
        List<PropertyValue> result = new ArrayList<>();
        for (JsonValue element : list(value)) {
            if (element instanceof JsonObject o && types(o).contains("PropertyValue")) {
                Optional<String> name = localized(o, "name", "nameMap");
                Optional<String> fieldValue = text(o.get("value"));
                if (name.isPresent() && fieldValue.isPresent()) {
                    result.add(new PropertyValue(name.get(), fieldValue.get()));
                }
            }
        }
        return result;
    }

    /** Hashtags, mentions and custom emoji; other tag types are skipped. */
    static List<Tag> tags(JsonValue value) {
        List<Tag> result = new ArrayList<>();
        for (JsonValue element : list(value)) {
            if (element instanceof JsonObject o) {
                tag(o).ifPresent(result::add);
            }
        }
        return result;
    }

    private static Optional<Tag> tag(JsonObject o) {
        List<String> types = types(o);
        Optional<String> name = localized(o, "name", "nameMap").filter(n -> !n.isBlank());
        if (types.contains("Hashtag")) {
            return name.map(n -> new Tag.Hashtag(n, link(o.get("href"))));
        }
        if (types.contains("Mention")) {
            return link(o.get("href")).map(href -> new Tag.Mention(href, name));
        }
        if (types.contains("Emoji")) {
            Optional<Image> icon = image(o.get("icon"));
            if (name.isPresent() && icon.isPresent()) {
                return Optional.of(new Tag.Emoji(ref(o.get("id")), name.get(), icon.get(), instant(o.get("updated"))));
            }
        }
        return Optional.empty();
    }

    /**
     * The keys embedded in an actor's {@code publicKey}. A key without an {@code owner} is taken to
     * belong to the actor that embeds it; a key given only by URI is skipped (it is elsewhere).
     */
    static List<PublicKey> publicKeys(JsonValue value, URI actor) {
        List<PublicKey> result = new ArrayList<>();
        for (JsonValue element : list(value)) {
            if (element instanceof JsonObject o) {
                Optional<URI> id = ref(o.get("id"));
                Optional<String> pem = text(o.get("publicKeyPem")).filter(p -> !p.isBlank());
                if (id.isPresent() && pem.isPresent()) {
                    result.add(new PublicKey(id.get(), ref(o.get("owner")).orElse(actor), pem.get()));
                }
            }
        }
        return result;
    }
}
