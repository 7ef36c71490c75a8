package dev.basalt.engine.txn;

import dev.basalt.engine.storage.kv.KvStore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts transactions on one store and owns the shared first-committer-wins state.
 * Thread-safe; one per store.
 */
public final class TransactionManager {
    private final KvStore store;
    private final ConflictTracker conflicts = new ConflictTracker();
    private final RowLocks rowLocks = new RowLocks();
    private final AtomicLong ids = new AtomicLong();

    public TransactionManager(KvStore store) { this.store = store; }

    public KvStore store() { return store; }

    /** A read-write transaction; its snapshot is taken at the first read. */
    public Transaction begin() { return begin(false); }

    public Transaction begin(boolean readOnly) {
        return new Transaction(this, ids.incrementAndGet(), readOnly);
    }

    /** Transactions begun and not yet committed or rolled back (that hold or may take a snapshot). */
    public int activeCount() { return conflicts.activeCount(); }

    /** Size of the recent-writes table (for tests and metrics). */
    public int trackedWrites() { return conflicts.size(); }

    ConflictTracker conflicts() { return conflicts; }

    RowLocks rowLocks() { return rowLocks; }

    /**
     * A row lock held or requested, for performance_schema.data_locks: the transaction, the locked
     * KV key, exclusive or shared, granted or waiting, InnoDB's LOCK_MODE (X,REC_NOT_GAP, X,GAP for
     * a gap lock over [key, gapEnd), X,INSERT_INTENTION for a write waiting for one).
     */
    public record LockInfo(long transactionId, byte[] key, boolean exclusive, boolean granted, String mode, byte[] gapEnd) {}

    /**
     * A lock wait, for performance_schema.data_lock_waits: the requester, its key and mode, a
     * blocker and the lock of the blocker it waits for (the same key, or a gap lock [blockingKey, blockingGapEnd)).
     */
    public record LockWaitInfo(long transactionId, byte[] key, boolean exclusive, long blockingTransactionId,
                               byte[] blockingKey, byte[] blockingGapEnd) {}

    /** Current row locks and requests (a consistent moment of the lock table). */
    public java.util.List<LockInfo> locks() {
        return rowLocks.locks().stream().map(h -> new LockInfo(h.txn(), h.key().bytes(), h.exclusive(), h.granted(),
                (h.exclusive() ? "X," : "S,") + h.kind().name(), h.end())).toList();
    }

    /** Current lock waits, one row per (waiter, blocker). */
    public java.util.List<LockWaitInfo> lockWaits() {
        return rowLocks.waits().stream().map(w -> new LockWaitInfo(w.txn(), w.key().bytes(), w.exclusive(), w.blocker(),
                w.blockingGap() == null ? w.key().bytes() : w.blockingGap().from,
                w.blockingGap() == null ? null : w.blockingGap().to)).toList();
    }

    /** Keys currently locked by some transaction (tests and metrics). */
    public int lockedKeys() { return rowLocks.size(); }
}
