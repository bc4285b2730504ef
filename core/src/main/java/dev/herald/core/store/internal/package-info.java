/** Helpers shared by the store implementations. Not part of the API: not exported, may change without notice. */
package dev.herald.core.store.internal;
