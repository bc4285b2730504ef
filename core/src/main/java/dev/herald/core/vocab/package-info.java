/**
 * The ActivityStreams 2.0 vocabulary that Herald sends and receives: actors, notes and articles,
 * activities, collections, tombstones, and the values inside them (keys, images, attachments, tags).
 *
 * <p>Every type here is an immutable value and safe to share between threads. No method accepts or
 * returns {@code null}: an absent value is {@link java.util.Optional#empty()} or an empty list. Types
 * with many optional parts have a builder; builders are not thread-safe. URIs are absolute
 * {@link java.net.URI}s and times are {@link java.time.Instant}s.
 *
 * <p>JSON is the job of {@link dev.herald.core.jsonld}: these types know nothing about it.
 */
package dev.herald.core.vocab;
