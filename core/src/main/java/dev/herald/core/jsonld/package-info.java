/**
 * ActivityStreams JSON in and out: {@link dev.herald.core.jsonld.DocumentReader} turns remote
 * documents into the vocabulary (fast path for the compact JSON everyone sends, JSON-LD expansion with
 * bundled contexts for the rest, strict input limits), and {@link dev.herald.core.jsonld.DocumentWriter}
 * writes the compact JSON Mastodon expects.
 */
package dev.herald.core.jsonld;
