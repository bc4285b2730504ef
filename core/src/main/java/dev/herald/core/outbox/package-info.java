/**
 * Publishing: the {@link dev.herald.core.outbox.Post} the site writes, and its rendering as the {@code Note} or
 * {@code Article} and the {@code Create}/{@code Update}/{@code Delete} activities Mastodon reads ({@link
 * dev.herald.core.outbox.PostRenderer}); {@link dev.herald.core.outbox.Outbox} stores them and queues their
 * delivery in one transaction.
 */
package dev.herald.core.outbox;
