/**
 * The inbox: {@link dev.herald.core.inbox.Inbox} checks every POST at the door (size, content type, blocklists,
 * rate, HTTP signature, signer = actor) before it stores the activity, answers 202, and processes stored
 * activities asynchronously and idempotently with workers (follows, undos, likes, boosts, replies, quotes,
 * deletes, moves, updates, accepts and rejects). {@link dev.herald.core.inbox.InboxListener} lets the site react.
 */
package dev.herald.core.inbox;
