package dev.basalt.engine.storage.kv;

/**
 * The key-value level of the storage SPI: an ordered map of byte[] keys (unsigned lexicographic
 * order) to byte[] values, with consistent snapshots and atomic write batches.
 * LMDB, memory and (later) the page server implement it. Thread-safe.
 */
public interface KvStore extends AutoCloseable {

    /** A consistent read view of the latest committed state. Must be closed. */
    KvSnapshot snapshot();

    /**
     * Applies the batch atomically and durably (per the store's durability setting), then returns
     * the commit's sequence number. Commits are serialized: each gets a sequence one greater than
     * the previous. {@code validator} (may be null) runs on the serialized commit path just before
     * this batch is applied, with the sequence the batch will get; if it throws, this batch is
     * not applied and the exception propagates to this caller, while other batches committed
     * together (group commit) are unaffected.
     *
     * @throws StorageException on I/O failure, disk full and the like; nothing of the batch is applied
     */
    long commit(WriteBatch batch, CommitValidator validator);

    default long commit(WriteBatch batch) { return commit(batch, null); }

    /** Sequence of the latest applied commit (0 for a new store). */
    long lastSequence();

    /**
     * True when the store serves reads only (e.g. a view of a past moment): the engine refuses
     * writes with 1290 before they reach {@link #commit}, which would fail anyway.
     */
    default boolean readOnly() { return false; }

    /**
     * Tells {@code nanos} the duration of each write that makes commits durable (an fsync, a
     * synchronous commit, an O_DSYNC log write), for latency histograms; one observer, replaced
     * by the next call, null to stop. Stores without such writes (memory) ignore it.
     */
    default void observeDurableWrites(java.util.function.LongConsumer nanos) {}

    /**
     * Tells {@code commits} how many commits each group commit made visible together (one store
     * transaction, at most one durable write), for a group-size histogram; one observer, replaced
     * by the next call, null to stop. Stores that do not group commits ignore it.
     */
    default void observeGroupCommits(java.util.function.LongConsumer commits) {}

    /** A short name for SHOW ENGINES and logs, e.g. "lmdb" or "memory". */
    String name();

    @Override
    void close();
}
