package dev.basalt.disagg;

import java.util.Iterator;

/**
 * Versioned reads from the page server, as the compute sees them: the state of a timeline (branch)
 * after applying the log up to and including an LSN. Thread-safe.
 *
 * <p>A read at an LSN the server has not applied yet waits until it has (bounded by the
 * implementation's timeout, then {@link WalException}). A read below the retention horizon fails.
 */
public interface PageReader extends AutoCloseable {

    /** The value of {@code key} at {@code lsn}, or null if absent. */
    byte[] get(String timeline, byte[] key, long lsn);

    /**
     * Keys in [from, to) at {@code lsn} (null bound = open), ascending or, with {@code reverse},
     * descending. The iterator may fetch lazily in chunks; it must be drained or abandoned (no close).
     */
    Iterator<KeyValue> scan(String timeline, byte[] fromInclusive, byte[] toExclusive, long lsn, boolean reverse);

    /** The highest LSN of the timeline the server has applied (what a read at that LSN sees at once). */
    long appliedLsn(String timeline);

    @Override
    void close();
}
