/** An in-memory {@link dev.herald.core.store.HeraldStore}: for tests and throwaway demos; nothing survives a restart. */
package dev.herald.core.store.memory;
