package dev.herald.core.vocab;

import java.util.Optional;

/** The five ActivityStreams actor types. Immutable and thread-safe. */
public enum ActorType {
    /** {@code Person}: an individual. */
    PERSON("Person"),
    /** {@code Organization}: what a foundation's or project's site usually is. */
    ORGANIZATION("Organization"),
    /** {@code Service}: a bot or automated account (Mastodon shows it as a bot). */
    SERVICE("Service"),
    /** {@code Application}: a server-level actor, for example the one that signs fetches. */
    APPLICATION("Application"),
    /** {@code Group}: a community (Lemmy, Friendica, WordPress multi-author blogs). */
    GROUP("Group");

    private final String jsonName;

    ActorType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The type name as written in JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The actor type named {@code jsonName} (exact, case-sensitive), if it is one. */
    public static Optional<ActorType> fromJsonName(String jsonName) {
        for (ActorType type : values()) {
            if (type.jsonName.equals(jsonName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
