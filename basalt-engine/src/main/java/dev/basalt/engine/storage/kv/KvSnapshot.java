package dev.basalt.engine.storage.kv;

/**
 * A consistent, read-only view of a {@link KvStore}. Used by one thread at a time, but may move
 * between threads (virtual threads change carriers).
 */
public interface KvSnapshot extends AutoCloseable {

    /**
     * The sequence of the newest commit this snapshot is guaranteed to include. It may be lower
     * than the truth (a commit racing with snapshot creation may be visible yet not counted), never
     * higher: conflict checks that use it can only err towards a false conflict.
     */
    long sequence();

    /** The value for the key, or null. The returned array belongs to the caller. */
    byte[] get(byte[] key);

    /**
     * Keys in [from, to) in ascending order; a null bound is open. The cursor must be closed
     * before the snapshot.
     */
    KvCursor scan(byte[] fromInclusive, byte[] toExclusive);

    /** Keys in [from, to) in descending order; a null bound is open. */
    KvCursor scanReverse(byte[] fromInclusive, byte[] toExclusive);

    @Override
    void close();
}
