package dev.herald.core.vocab;

import java.util.Optional;

/**
 * The activity types Herald sends or handles. Other activity types are read as {@link GenericObject}.
 * Immutable and thread-safe.
 */
public enum ActivityType {
    /** {@code Create}: a new post (a reply, when it arrives in the inbox). */
    CREATE("Create"),
    /** {@code Update}: an edited post or profile. */
    UPDATE("Update"),
    /** {@code Delete}: a removed post or account. */
    DELETE("Delete"),
    /** {@code Follow}: a follow request. */
    FOLLOW("Follow"),
    /** {@code Accept}: accepts a follow request. */
    ACCEPT("Accept"),
    /** {@code Reject}: rejects a follow request, or removes a follower. */
    REJECT("Reject"),
    /** {@code Undo}: takes back a follow, like or boost. */
    UNDO("Undo"),
    /** {@code Like}: a favourite (Misskey's emoji reactions arrive as likes too). */
    LIKE("Like"),
    /** {@code Announce}: a boost. */
    ANNOUNCE("Announce"),
    /** {@code Move}: an account moved to another address. */
    MOVE("Move"),
    /** {@code Block}: a block. */
    BLOCK("Block"),
    /** {@code Flag}: a report to moderators. */
    FLAG("Flag"),
    /** {@code Add}: an object added to a collection (for example a pinned post). */
    ADD("Add"),
    /** {@code Remove}: an object removed from a collection. */
    REMOVE("Remove"),
    /**
     * {@code QuoteRequest} (FEP-044f): an actor asks to quote a post; its {@code instrument} is the quoting post.
     */
    QUOTE_REQUEST("QuoteRequest");

    private final String jsonName;

    ActivityType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The type name as written in JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The activity type named {@code jsonName} (exact, case-sensitive), if it is one. */
    public static Optional<ActivityType> fromJsonName(String jsonName) {
        for (ActivityType type : values()) {
            if (type.jsonName.equals(jsonName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
