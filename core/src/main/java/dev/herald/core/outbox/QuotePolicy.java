package dev.herald.core.outbox;

import dev.herald.core.internal.Checks;

/**
 * Who may quote a post (FEP-044f). It is written on the post as GoToSocial's {@code interactionPolicy.canQuote},
 * which Mastodon 4.5+ reads to offer the quote button or to say "you are not allowed to quote this post", and Herald
 * answers each {@code QuoteRequest} for the post by it: someone in {@link #automatic()} is approved at once (an
 * {@code Accept} with a {@code QuoteAuthorization} stamp); someone in {@link #manual()} but not in {@link
 * #automatic()} waits until the site calls {@code Inbox.approveQuote} or {@code Inbox.rejectQuote}; anyone else gets
 * a {@code Reject}. The post's author may always quote it.
 *
 * <table>
 *   <caption>The policies, as written on the post</caption>
 *   <tr><th>policy</th><th>{@code automaticApproval}</th><th>{@code manualApproval}</th></tr>
 *   <tr><td>{@link #PUBLIC}</td><td>the public collection</td><td>–</td></tr>
 *   <tr><td>{@link #FOLLOWERS}</td><td>the author's followers</td><td>–</td></tr>
 *   <tr><td>{@link #MANUAL}</td><td>the author</td><td>the public collection</td></tr>
 *   <tr><td>{@link #NOBODY}</td><td>the author</td><td>–</td></tr>
 *   <tr><td>{@code new QuotePolicy(FOLLOWERS, ANYONE)}</td><td>the author's followers</td>
 *       <td>the public collection</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 *
 * @param automatic who is approved at once
 * @param manual who may ask and waits for the site's answer: {@link Audience#NOBODY}, or wider than {@code
 *     automatic}
 */
public record QuotePolicy(Audience automatic, Audience manual) {
    /** Anyone may quote, approved at once: the default of public and unlisted posts, as on Mastodon. */
    public static final QuotePolicy PUBLIC = new QuotePolicy(Audience.ANYONE, Audience.NOBODY);

    /** The author's followers may quote, approved at once; others are refused. */
    public static final QuotePolicy FOLLOWERS = new QuotePolicy(Audience.FOLLOWERS, Audience.NOBODY);

    /** Anyone may ask; every quote waits for the site's approval. */
    public static final QuotePolicy MANUAL = new QuotePolicy(Audience.NOBODY, Audience.ANYONE);

    /** Nobody but the author: the only policy of followers-only posts, as on Mastodon. */
    public static final QuotePolicy NOBODY = new QuotePolicy(Audience.NOBODY, Audience.NOBODY);

    /** A group of remote actors, widest first. */
    public enum Audience {
        /** Everyone. */
        ANYONE,
        /** The accepted followers of the post's author. */
        FOLLOWERS,
        /** No one (but the author). */
        NOBODY
    }

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if {@code manual} is neither {@link Audience#NOBODY} nor wider than {@code
     *     automatic}: such a policy would ask the site about no one
     */
    public QuotePolicy {
        Checks.notNull(automatic, "automatic");
        Checks.notNull(manual, "manual");
        if (manual != Audience.NOBODY && manual.compareTo(automatic) >= 0) {
            throw new IllegalArgumentException("manual must be NOBODY or wider than automatic (" + automatic + "), got "
                    + manual + ": nobody would be left to approve by hand");
        }
    }
}
