package dev.herald.core.internal.http;

import dev.herald.signatures.HttpFields;
import java.util.Locale;

/**
 * Decides from the {@code Accept} header whether a request wants ActivityPub JSON or the site's own page.
 * ActivityPub types are {@code application/activity+json}, {@code application/ld+json} (without a profile or
 * with the ActivityStreams one) and {@code application/json}; the page types are {@code text/html} and
 * {@code application/xhtml+xml}. JSON wins when an ActivityPub type is accepted with a quality at least as
 * high as any page type; wildcards ({@code *}{@code /*}) count for neither, so a request that names no
 * ActivityPub type gets the page. Not part of the API. Stateless and thread-safe.
 */
public final class Negotiation {
    /** The media type Herald answers with. */
    public static final String ACTIVITY_JSON = "application/activity+json; charset=utf-8";

    private static final String AS_PROFILE = "https://www.w3.org/ns/activitystreams";

    private Negotiation() {}

    /** Whether the request's {@code Accept} header prefers ActivityPub JSON over HTML. */
    public static boolean wantsActivityJson(HttpFields headers) {
        double ap = 0;
        double html = 0;
        for (String value : headers.values("Accept")) {
            for (String range : value.split(",", -1)) {
                MediaRange media = MediaRange.parse(range);
                if (media == null) {
                    continue;
                }
                if (media.isActivityPub()) {
                    ap = Math.max(ap, media.quality);
                } else if (media.isPage()) {
                    html = Math.max(html, media.quality);
                }
            }
        }
        return ap > 0 && ap >= html;
    }

    /** Whether the request names an ActivityPub type in {@code Accept} or {@code Content-Type}. */
    public static boolean speaksActivityPub(HttpFields headers) {
        if (wantsActivityJson(headers)) {
            return true;
        }
        return headers.first("Content-Type")
                .map(MediaRange::parse)
                .map(MediaRange::isActivityPub)
                .orElse(false);
    }

    private static final class MediaRange {
        private final String type;
        private String profile = "";
        private double quality = 1;

        private MediaRange(String type) {
            this.type = type;
        }

        static MediaRange parse(String text) {
            String[] parts = text.split(";", -1);
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty() || type.indexOf('/') < 0) {
                return null;
            }
            MediaRange range = new MediaRange(type);
            for (int i = 1; i < parts.length; i++) {
                int equals = parts[i].indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String name = parts[i].substring(0, equals).strip().toLowerCase(Locale.ROOT);
                String value = unquote(parts[i].substring(equals + 1).strip());
                if (name.equals("q")) {
                    range.quality = quality(value);
                } else if (name.equals("profile")) {
                    range.profile = value;
                }
            }
            return range;
        }

        boolean isActivityPub() {
            switch (type) {
                case "application/activity+json":
                case "application/json":
                    return true;
                case "application/ld+json":
                    // A profile is a space-separated list of URIs (RFC 6906).
                    if (profile.isEmpty()) {
                        return true;
                    }
                    for (String uri : profile.split(" ")) {
                        if (uri.equals(AS_PROFILE)) {
                            return true;
                        }
                    }
                    return false;
                default:
                    return false;
            }
        }

        boolean isPage() {
            return type.equals("text/html") || type.equals("application/xhtml+xml");
        }

        private static double quality(String value) {
            try {
                double q = Double.parseDouble(value);
                return q >= 0 && q <= 1 ? q : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private static String unquote(String value) {
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1)
                    : value;
        }
    }
}
