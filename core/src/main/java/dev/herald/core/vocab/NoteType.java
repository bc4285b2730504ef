package dev.herald.core.vocab;

import java.util.Optional;

/** The post types Herald writes: short {@code Note}s and titled {@code Article}s. Immutable and thread-safe. */
public enum NoteType {
    /** {@code Note}: a status, rendered in full by every microblogging server. */
    NOTE("Note"),
    /** {@code Article}: a titled post; Mastodon shows its name and a link rather than the full text. */
    ARTICLE("Article");

    private final String jsonName;

    NoteType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The type name as written in JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The note type named {@code jsonName} (exact, case-sensitive), if it is one. */
    public static Optional<NoteType> fromJsonName(String jsonName) {
        for (NoteType type : values()) {
            if (type.jsonName.equals(jsonName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
