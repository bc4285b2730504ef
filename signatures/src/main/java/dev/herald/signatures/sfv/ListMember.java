package dev.herald.signatures.sfv;

/**
 * A member of a List or a Dictionary value (RFC 9651 §3.1): an {@link Item} or an {@link InnerList}, each
 * with its own parameters. Implementations are immutable and thread-safe.
 */
public sealed interface ListMember permits Item, InnerList {

    /** The parameters of this member, {@link Parameters#EMPTY} when there are none. */
    Parameters parameters();

    /** The canonical RFC 9651 §4.1 serialization of this member, with its parameters. */
    String serialize();
}
