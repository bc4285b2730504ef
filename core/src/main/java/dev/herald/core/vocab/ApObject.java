package dev.herald.core.vocab;

/**
 * An ActivityStreams object Herald understands as a whole document: what a remote server sends to an
 * inbox, what a fetch of an id returns, or what Herald publishes. Embedded objects (an activity's
 * {@code object}) are {@code ApObject}s too.
 *
 * <p>Implementations are immutable records and thread-safe. Use {@code instanceof} to tell them apart.
 */
public sealed interface ApObject permits Actor, Note, Activity, Collection, Tombstone, PublicKey, GenericObject {

    /** The ActivityStreams type name as it appears in JSON, for example {@code "Person"} or {@code "Note"}. */
    String typeName();
}
