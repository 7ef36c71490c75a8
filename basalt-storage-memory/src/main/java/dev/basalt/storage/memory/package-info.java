/**
 * The in-memory, multi-version key-value engine ({@link dev.basalt.storage.memory.MemoryKvStore}),
 * for tests and ephemeral databases. Nothing is persisted.
 */
package dev.basalt.storage.memory;
