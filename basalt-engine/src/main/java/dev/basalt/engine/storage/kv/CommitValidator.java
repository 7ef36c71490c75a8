package dev.basalt.engine.storage.kv;

/**
 * Runs inside the store's serialized commit path, before a batch is applied. The engine uses it
 * for first-committer-wins conflict checks: throwing rejects the batch.
 */
@FunctionalInterface
public interface CommitValidator {
    void validate(long sequence);
}
