package dev.basalt.engine.txn;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.storage.kv.CommitWaitStopped;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One SQL transaction: reads from one KV snapshot (taken at the first read or write, or eagerly
 * by {@link #startSnapshot()}), buffers writes in an ordered map, and at {@link #commit()} applies
 * them as one batch if no key it wrote or locked was committed by someone else since its snapshot
 * (first committer wins; the loser gets 1213 / 40001 and nothing is applied).
 *
 * <p>Belongs to one session: not thread-safe. Cursors from {@link #scan} merge the write buffer
 * over the snapshot and see writes made while they are open (ahead of their position); a statement
 * that reads and writes the same rows (INSERT ... SELECT from the same table, UPDATE of the key
 * being scanned) must materialize its input first, as MySQL does with a temporary table.
 *
 * <p>Storage failures surface as {@link SqlException}: DISK_FULL as 1021, others as 1030; a failed
 * commit leaves the transaction rolled back.
 */
public final class Transaction {
    /** Marks a buffered delete; compared by identity. */
    static final byte[] TOMBSTONE = new byte[0];
    private static final byte[] ABSENT = new byte[0];
    private static final java.util.Comparator<byte[]> ORDER = Arrays::compareUnsigned;
    private static final KvCursor EMPTY_CURSOR = new KvCursor() {
        @Override public boolean next() { return false; }
        @Override public byte[] key() { return null; }
        @Override public byte[] value() { return null; }
        @Override public void close() { }
    };

    /** A statement-level rollback point; see {@link #mark()}. */
    public record Mark(int undoSize, int savepointCount) {}

    private record Savepoint(String name, int undoSize) {}

    private final TransactionManager manager;
    private final long id;
    private final boolean readOnly;

    private KvSnapshot snapshot;
    private long snapshotSequence = -1;
    /** System.nanoTime() when {@link #snapshot} was taken (for max_snapshot_age). */
    private long snapshotNanos;
    private long registeredSequence = -1;
    private long conflictSequence = -1;
    private boolean active = true;

    private final TreeMap<byte[], byte[]> writes = new TreeMap<>(ORDER);
    private final ArrayList<MergeCursor> openCursors = new ArrayList<>(2);
    private TreeMap<byte[], byte[]> locks;
    private TreeMap<byte[], byte[]> blind;
    private Map<ByteKey, Supplier<byte[]>> blindLatest;
    private final ArrayList<Object> undo = new ArrayList<>(); // pairs: key, previous buffer value or ABSENT
    private final ArrayList<Savepoint> savepoints = new ArrayList<>();
    private int openMarks;
    private List<Runnable> onCommit;
    /** The tables this transaction used, as the lock package records them (its metadata locks); run at the end. */
    private Runnable tableUses;
    private LinkedHashMap<Object, CommitCheck> checks;
    private Object lastCheckKey;
    private List<byte[][]> rangeReads;
    private Map<Object, Object> locals;
    /** Row locks held until the end (true = exclusive); see {@link RowLocks}. */
    private HashMap<ByteKey, Boolean> held;
    private long lockWaitMillis = 50_000;
    private boolean readLockExclusive = true;
    private LockWait readLockWait = LockWait.WAIT;
    private boolean optimisticWrites;
    /** REPEATABLE READ / SERIALIZABLE: locking reads lock the ranges they scan (see {@link #lockGap}). */
    private boolean gapLocking;
    private boolean gapsHeld;
    /**
     * Keys this transaction locked after another transaction committed them past its snapshot
     * (InnoDB's current read), with the store sequence their latest version was read at: the
     * commit check compares them against that sequence instead of the snapshot's.
     */
    private HashMap<ByteKey, Long> currentAt;
    /** Latest committed values read by {@link #lockCurrent} (TOMBSTONE = deleted since the snapshot). */
    private HashMap<ByteKey, byte[]> currentValues;
    /** Tables (by id) the running statement only reads, whose locking reads lock shared; null = none. */
    private java.util.Set<Integer> sharedReadTables;
    /** While true, reads see the latest committed state instead of the snapshot (see {@link #readLatest}). */
    private boolean latestReads;
    /** The store snapshot latest reads use, renewed when the store has moved on. */
    private KvSnapshot latest;
    /** Latest-read snapshots replaced while a cursor could still be open on them; closed at the end. */
    private ArrayList<KvSnapshot> retiredLatest;

    /** What a locking read does when a row is locked by another transaction. */
    public enum LockWait { WAIT, NOWAIT, SKIP_LOCKED }

    /** What {@link #lockCurrent} found once the lock was granted. */
    public enum LockedRow {
        /** SKIP LOCKED passed over a row another transaction holds. */
        SKIPPED,
        /** The version the caller read (snapshot or own write) is the latest one. */
        AS_SEEN,
        /** Another transaction committed a newer version: read it with {@link #currentValue}. */
        CHANGED,
        /** Another transaction deleted the row after this one's snapshot. */
        GONE
    }

    /** How a lock on a key committed by someone else after this transaction's snapshot is handled. */
    private enum Stale {
        /** The caller's view of the key is stale: fail with 1213 (the statement cannot be right). */
        FAIL,
        /** The caller derived the write from a row it locked with a current read: accept the newer version. */
        ACCEPT,
        /** A locking read: read the latest committed version (InnoDB's current read). */
        READ
    }

    Transaction(TransactionManager manager, long id, boolean readOnly) {
        this.manager = manager;
        this.id = id;
        this.readOnly = readOnly;
    }

    public long id() { return id; }

    public boolean isReadOnly() { return readOnly; }

    /** False after commit or rollback. */
    public boolean isActive() { return active; }

    /** True when the transaction has buffered writes (blind writes excluded). */
    public boolean hasWrites() { return !writes.isEmpty(); }

    /** START TRANSACTION WITH CONSISTENT SNAPSHOT: take the read snapshot now. */
    public void startSnapshot() { snapshot(); }

    /** How long the read snapshot has been held, in milliseconds, or -1 when none is held. */
    public long snapshotAgeMillis() {
        return snapshot == null ? -1 : (System.nanoTime() - snapshotNanos) / 1_000_000L;
    }

    /** The snapshot's commit sequence, or -1 when none has been taken yet. */
    public long snapshotSequence() { return snapshotSequence; }

    private KvSnapshot snapshot() {
        if (snapshot == null) {
            checkActive();
            // Register before taking the snapshot, with a sequence it is sure to include, so the
            // conflict table is never pruned of entries this transaction must still see.
            if (registeredSequence < 0) {
                long reg = manager.store().lastSequence();
                manager.conflicts().register(reg);
                registeredSequence = reg;
            }
            try {
                snapshot = manager.store().snapshot();
            } catch (StorageException e) {
                end();
                throw storageError(e);
            }
            snapshotSequence = snapshot.sequence();
            snapshotNanos = System.nanoTime();
            if (conflictSequence < 0) conflictSequence = snapshotSequence;
        }
        return snapshot;
    }

    /**
     * READ COMMITTED: the next read takes a fresh snapshot (call between statements). Conflict
     * checks keep using the snapshot that was current when the transaction first wrote or locked,
     * so a refresh never hides a concurrent commit of a key this transaction wrote.
     */
    public void refreshSnapshot() {
        if (snapshot == null) return;
        for (MergeCursor c : openCursors) c.release();
        openCursors.clear();
        try {
            snapshot.close();
        } catch (RuntimeException ignored) {
            // the snapshot is gone either way
        }
        snapshot = null;
        closeLatest();
        if (writes.isEmpty() && locks == null && rangeReads == null) {
            manager.conflicts().unregister(registeredSequence);
            registeredSequence = -1;
            conflictSequence = -1;
        }
    }

    // ---------------------------------------------------------------- reads

    /** The value for the key as this transaction sees it, or null. */
    public byte[] get(byte[] key) {
        byte[] v = writes.get(key);
        if (v != null) return v == TOMBSTONE ? null : v;
        try {
            return reading().get(key);
        } catch (StorageException e) {
            throw storageError(e);
        }
    }

    /**
     * The keys in [from, to) this transaction has written (put or deleted) and not yet committed, in
     * key order: a copy. InnoDB's full-text index sees a row's new words only at COMMIT, so MATCH
     * leaves out the rows whose word entries are among these (see FulltextEntries).
     */
    public java.util.NavigableSet<byte[]> ownWrites(byte[] fromInclusive, byte[] toExclusive) {
        return new java.util.TreeSet<>(writes.subMap(fromInclusive, true, toExclusive, false).navigableKeySet());
    }

    /** Keys in [from, to) ascending, own writes merged in; null bounds are open. Close the cursor. */
    public KvCursor scan(byte[] fromInclusive, byte[] toExclusive) {
        return track(new MergeCursor(openScan(fromInclusive, toExclusive, false), writes, fromInclusive, toExclusive,
                false, TOMBSTONE, openCursors::remove));
    }

    /** Keys in [from, to) descending, own writes merged in. */
    public KvCursor scanReverse(byte[] fromInclusive, byte[] toExclusive) {
        return track(new MergeCursor(openScan(fromInclusive, toExclusive, true), writes, fromInclusive, toExclusive,
                true, TOMBSTONE, openCursors::remove));
    }

    /** Open cursors are closed when the transaction ends, before its snapshot: never a cursor on a closed snapshot. */
    private KvCursor track(MergeCursor c) {
        openCursors.add(c);
        return c;
    }

    private KvCursor openScan(byte[] from, byte[] to, boolean reverse) {
        if (from != null && to != null && Arrays.compareUnsigned(from, to) >= 0) return EMPTY_CURSOR;
        try {
            KvSnapshot s = reading();
            return reverse ? s.scanReverse(from, to) : s.scan(from, to);
        } catch (StorageException e) {
            throw storageError(e);
        }
    }

    /**
     * Switches reads ({@link #get}, and cursors opened by {@link #scan}/{@link #scanReverse})
     * between the snapshot and the latest committed state, own writes merged over either; returns
     * the previous setting, to restore in a finally. InnoDB's locking reads (FOR UPDATE / FOR
     * SHARE, the scans of UPDATE and DELETE, the duplicate search of ON DUPLICATE KEY UPDATE and
     * REPLACE) read the latest version of every row, rows committed after the snapshot included;
     * those callers read through this switch and then lock each row ({@link #lockCurrent}), which
     * waits for its writer and re-reads it if it changed meanwhile. A cursor keeps the state it
     * was opened on.
     */
    public boolean readLatest(boolean on) {
        boolean was = latestReads;
        latestReads = on;
        return was;
    }

    /** The snapshot reads use now: the transaction's, or the latest committed state. */
    private KvSnapshot reading() {
        KvSnapshot s = snapshot();
        if (!latestReads) return s;
        long last = manager.store().lastSequence();
        if (latest != null && latest.sequence() >= last) return latest;
        if (s.sequence() >= last) return s; // nothing committed since the snapshot
        if (latest != null) {
            if (openCursors.isEmpty()) closeQuietly(latest);
            else {
                if (retiredLatest == null) retiredLatest = new ArrayList<>(2);
                retiredLatest.add(latest);
            }
            latest = null;
        }
        try {
            latest = manager.store().snapshot();
        } catch (StorageException e) {
            throw storageError(e);
        }
        return latest;
    }

    private void closeLatest() {
        if (latest != null) closeQuietly(latest);
        latest = null;
        if (retiredLatest != null) for (KvSnapshot s : retiredLatest) closeQuietly(s);
        retiredLatest = null;
    }

    private static void closeQuietly(KvSnapshot s) {
        try {
            s.close();
        } catch (RuntimeException ignored) {
            // a read-only snapshot: nothing to lose
        }
    }

    /**
     * The key's value as a write must see it (InnoDB's duplicate check reads the latest version):
     * own writes first; in a multi-statement transaction a key another transaction has written and
     * not yet committed is waited for (a shared lock, as InnoDB takes on a duplicate), and a key
     * committed by another transaction after the snapshot is read at its latest version, which the
     * commit check then starts from. Autocommit transactions read their snapshot: the commit check
     * and the server's retry settle their races.
     */
    public byte[] getCurrent(byte[] key) {
        byte[] own = writes.get(key);
        if (own != null) return own == TOMBSTONE ? null : own;
        snapshot();
        if (optimisticWrites) return get(key);
        ByteKey k = ByteKey.of(key);
        if (manager.rowLocks().heldExclusivelyByOther(id, k)) {
            lockKey(key, false, LockWait.WAIT, Stale.READ);
        } else {
            long since = currentAt == null ? conflictSequence : currentAt.getOrDefault(k, conflictSequence);
            if (since >= 0 && manager.conflicts().conflicts(List.of(k), since)) readLatest(k, true);
        }
        byte[] v = currentValues == null ? null : currentValues.get(k);
        if (v != null) return v == TOMBSTONE ? null : v;
        return get(key);
    }

    // ---------------------------------------------------------------- writes

    public void put(byte[] key, byte[] value) { write(key, value, Stale.FAIL); }

    public void delete(byte[] key) { write(key, TOMBSTONE, Stale.FAIL); }

    /**
     * A write of a key that belongs to a row this transaction has locked and read as its latest
     * version (a secondary index entry carrying the row's key, or the old entry of that row): a
     * newer committed version of the key is the one the row's latest version implies, so it is
     * overwritten rather than treated as a conflict. Use only after the row key itself was
     * written with {@link #put}/{@link #delete}, which check it.
     */
    public void putUnderRowLock(byte[] key, byte[] value) { write(key, value, Stale.ACCEPT); }

    /** Deletes a key of a locked row; see {@link #putUnderRowLock}. */
    public void deleteUnderRowLock(byte[] key) { write(key, TOMBSTONE, Stale.ACCEPT); }

    private void write(byte[] key, byte[] value, Stale stale) {
        checkWritable();
        snapshot();
        if (value != TOMBSTONE) insertIntention(key);
        lockKey(key, true, LockWait.WAIT, stale);
        remember(key, writes.put(key, value));
    }

    /** Deletes every key in [from, to) as this transaction sees them (DROP/TRUNCATE); returns the count. */
    public long deleteRange(byte[] fromInclusive, byte[] toExclusive) {
        checkWritable();
        long n = 0;
        try (KvCursor c = scan(fromInclusive, toExclusive)) {
            while (c.next()) {
                delete(c.key());
                n++;
            }
        }
        return n;
    }

    /**
     * A write excluded from conflict checks and from savepoint rollback, for counters that
     * concurrent transactions share (AUTO_INCREMENT, hidden row ids, id allocators). Not visible to
     * this transaction's reads. Applied with the commit; dropped by rollback.
     */
    public void putBlind(byte[] key, byte[] value) {
        checkWritable();
        if (blind == null) blind = new TreeMap<>(ORDER);
        blind.put(key, value);
    }

    /**
     * Like {@link #putBlind} but the value is computed when the commit batch is built, so a
     * counter persists its latest in-memory value rather than the value at the time of the call.
     */
    public void putBlindLatest(byte[] key, Supplier<byte[]> value) {
        checkWritable();
        if (blindLatest == null) blindLatest = new LinkedHashMap<>();
        blindLatest.put(ByteKey.of(key), value);
    }

    /**
     * SELECT ... FOR UPDATE / FOR SHARE: locks the key (mode and wait policy from
     * {@link #setReadLockMode}) and adds it to the conflict set without writing it.
     *
     * @return false when the key is locked by another transaction and the policy is SKIP LOCKED
     */
    public boolean lockForUpdate(byte[] key) {
        checkActive();
        snapshot();
        if (!lockKey(key, readLockExclusive, readLockWait, Stale.FAIL)) return false;
        if (locks == null) locks = new TreeMap<>(ORDER);
        locks.put(key, key);
        return true;
    }

    /**
     * A locking read with InnoDB's current read (SELECT ... FOR UPDATE / FOR SHARE, the rows an
     * UPDATE or DELETE of a multi-statement transaction changes): locks the key like
     * {@link #lockForUpdate}, then, when another transaction committed it after this one's
     * snapshot, reads its latest committed version instead of failing. Plain reads keep reading
     * the snapshot (as InnoDB's consistent reads do); only locking reads see the newer version,
     * through this method. The commit check then starts from the version read.
     */
    public LockedRow lockCurrent(byte[] key) { return lockCurrent(key, false); }

    /** {@link #lockCurrent(byte[])}, in share mode whatever the read lock mode when {@code shared}. */
    public LockedRow lockCurrent(byte[] key, boolean shared) {
        checkActive();
        snapshot();
        if (!lockKey(key, readLockExclusive && !shared, readLockWait, Stale.READ)) return LockedRow.SKIPPED;
        if (locks == null) locks = new TreeMap<>(ORDER);
        locks.put(key, key);
        if (currentValues == null || writes.containsKey(key)) return LockedRow.AS_SEEN; // own writes are the latest
        byte[] v = currentValues.get(ByteKey.of(key));
        if (v == null) return LockedRow.AS_SEEN;
        return v == TOMBSTONE ? LockedRow.GONE : LockedRow.CHANGED;
    }

    /** The latest committed value {@link #lockCurrent} read for the key (after CHANGED), or null. */
    public byte[] currentValue(byte[] key) {
        byte[] v = currentValues == null ? null : currentValues.get(ByteKey.of(key));
        return v == TOMBSTONE ? null : v;
    }

    /**
     * For a single-statement (autocommit) transaction: its writes wait for other transactions'
     * locks but take none (see {@link RowLocks#awaitFree}), which keeps autocommit throughput on hot
     * rows: two autocommit writers race optimistically and the server retries the loser.
     */
    public void setOptimisticWrites(boolean on) { optimisticWrites = on; }

    /**
     * Whether locking reads take gap locks: on under REPEATABLE READ and SERIALIZABLE, off under
     * READ COMMITTED (as InnoDB). Set by the session when the transaction starts.
     */
    public void setGapLocking(boolean on) { gapLocking = on; }

    /** True when locking reads of this transaction lock the ranges they scan. */
    public boolean gapLocking() { return gapLocking; }

    /**
     * Locks the KV range [from, to) (to null: unbounded) against other transactions' inserts until
     * this one ends, in the mode of the current locking read; passing the lock a scan got before
     * widens it instead of adding one. Returns the lock to widen next, or null when this
     * transaction takes no gap locks (READ COMMITTED). Never waits: gap locks do not conflict with
     * each other, only with writes into them ({@link #write}).
     */
    public GapLock lockGap(GapLock gap, byte[] from, byte[] to) {
        if (!gapLocking) return null;
        checkActive();
        gapsHeld = true;
        return manager.rowLocks().lockGap(id, gap, from, to, readLockExclusive);
    }

    /**
     * Marks a key just {@link #put} as a new row or index entry (INSERT, a moved primary key, a new
     * secondary entry): until this transaction ends, locking reads of other transactions over a
     * range that holds it wait for it ({@link #awaitInserts}), as InnoDB's do on a new record.
     * Autocommit transactions take no locks and are not waited for (the commit check settles them).
     */
    public void markInserted(byte[] key) {
        if (!optimisticWrites && held != null && Boolean.TRUE.equals(held.get(ByteKey.of(key)))) {
            manager.rowLocks().noteInsert(id, key);
        }
    }

    /**
     * Before a locking read (FOR UPDATE / FOR SHARE, an UPDATE or DELETE scan) of the KV range
     * [from, to) opens its cursor: waits for other transactions' uncommitted inserts into it, in
     * the read's wait policy, so the read sees them once they commit; a deadlock victim is rolled
     * back as in {@link #lockKey}.
     */
    public void awaitInserts(byte[] from, byte[] to) {
        checkActive();
        try {
            manager.rowLocks().awaitInserts(id, from, to, RowLocks.Wait.valueOf(readLockWait.name()), lockWaitMillis);
        } catch (SqlException e) {
            if (e.errorCode() == ErrorCode.ER_LOCK_DEADLOCK.code()) rollback();
            throw e;
        }
    }

    /**
     * A key written inside a range another transaction gap-locked waits until that one ends (the
     * phantom it would create); a deadlock victim is rolled back as in {@link #lockKey}.
     */
    private void insertIntention(byte[] key) {
        try {
            manager.rowLocks().insertIntention(id, key, lockWaitMillis);
        } catch (SqlException e) {
            if (e.errorCode() == ErrorCode.ER_LOCK_DEADLOCK.code()) rollback();
            throw e;
        }
    }

    /** innodb_lock_wait_timeout for this transaction's lock waits. */
    public void setLockWaitTimeout(long millis) { lockWaitMillis = millis; }

    /** True for a single-statement (autocommit) transaction's optimistic writes. */
    public boolean optimisticWrites() { return optimisticWrites; }

    /**
     * The tables (by id) the running statement reads without writing them: its locking reads lock
     * their rows in share mode, as InnoDB does for the tables a multi-table UPDATE or DELETE only
     * reads. Null clears it; the statement clears it when done.
     */
    public void setSharedReadTables(java.util.Set<Integer> tableIds) { sharedReadTables = tableIds; }

    /** True when the running statement only reads the table (see {@link #setSharedReadTables}). */
    public boolean readsShared(int tableId) { return sharedReadTables != null && sharedReadTables.contains(tableId); }

    /** The lock the next locking reads take: FOR UPDATE (exclusive) or FOR SHARE, and their wait policy. */
    public void setReadLockMode(boolean exclusive, LockWait wait) {
        readLockExclusive = exclusive;
        readLockWait = wait;
    }

    /** The read lock mode set by {@link #setReadLockMode}: exclusive (FOR UPDATE) or not. */
    public boolean readLockExclusive() { return readLockExclusive; }

    /** The wait policy set by {@link #setReadLockMode}. */
    public LockWait readLockWait() { return readLockWait; }

    /**
     * Takes a row lock until the transaction ends. A key another transaction committed after this
     * one's snapshot (typically the holder it waited for) means this transaction's view of it is
     * stale. A locking read ({@link Stale#READ}) then reads the latest version (current read) and a
     * write under a row lock ({@link Stale#ACCEPT}) takes it as its base; otherwise SKIP LOCKED
     * passes over it and anything else is doomed to lose at COMMIT, so it fails now with 1213 and
     * the transaction rolled back (as a deadlock victim would be). Autocommit statements are
     * retried by the server, so only multi-statement transactions see this.
     */
    private boolean lockKey(byte[] key, boolean exclusive, LockWait wait, Stale stale) {
        ByteKey k = ByteKey.of(key);
        if (optimisticWrites && exclusive && wait == LockWait.WAIT && writes.get(key) == null) {
            manager.rowLocks().awaitFree(id, k, true, lockWaitMillis);
            return true;
        }
        Boolean mine = held == null ? null : held.get(k);
        if (mine != null && (mine || !exclusive)) return true;
        boolean granted;
        try {
            granted = manager.rowLocks().acquire(id, k, exclusive, RowLocks.Wait.valueOf(wait.name()), lockWaitMillis);
        } catch (SqlException e) {
            if (e.errorCode() == ErrorCode.ER_LOCK_DEADLOCK.code()) rollback(); // the victim's work is undone
            throw e;
        }
        if (!granted) return false;
        if (held == null) held = new HashMap<>();
        held.put(k, exclusive);
        long since = currentAt == null ? conflictSequence : currentAt.getOrDefault(k, conflictSequence);
        if (since >= 0 && manager.conflicts().conflicts(List.of(k), since)) {
            if (stale != Stale.FAIL) {
                readLatest(k, stale == Stale.READ);
                return true;
            }
            if (wait == LockWait.SKIP_LOCKED) return false; // changed since our snapshot: someone took it
            rollback();
            throw ErrorCode.ER_LOCK_DEADLOCK.error();
        }
        return true;
    }

    /**
     * Current read of a locked key: the store's latest committed version, and the sequence it was
     * read at (the commit check starts there). A commit still in flight (validated, not yet
     * visible: an autocommit writer takes no locks) is not waited for; the commit check catches it.
     */
    private void readLatest(ByteKey k, boolean keepValue) {
        KvSnapshot latest;
        try {
            latest = manager.store().snapshot();
        } catch (StorageException e) {
            throw storageError(e);
        }
        try {
            byte[] v = keepValue ? latest.get(k.bytes()) : null;
            if (currentAt == null) currentAt = new HashMap<>();
            currentAt.put(k, latest.sequence());
            if (keepValue) {
                if (currentValues == null) currentValues = new HashMap<>();
                currentValues.put(k, v == null ? TOMBSTONE : v);
            }
        } catch (StorageException e) {
            throw storageError(e);
        } finally {
            try {
                latest.close();
            } catch (RuntimeException ignored) {
                // read-only snapshot: nothing to lose
            }
        }
    }

    /**
     * Registers a check for the commit's serialized validation (once per key; later registrations
     * with the same key are ignored). Used to reject writes made with a stale table definition.
     */
    public void onValidate(Object key, CommitCheck check) {
        if (key == lastCheckKey) return; // the common case: many rows of one table
        if (checks == null) checks = new LinkedHashMap<>();
        checks.putIfAbsent(key, check);
        lastCheckKey = key;
    }

    /**
     * Declares that this transaction's writes depend on everything in [from, to) as of its snapshot
     * (e.g. an index build reads all rows): the commit fails with 1213 if another transaction
     * committed a key in the range after the snapshot. Costs a pass over the recent-writes table
     * at commit, so meant for DDL, not per-row use.
     */
    public void readRange(byte[] fromInclusive, byte[] toExclusive) {
        snapshot();
        if (rangeReads == null) rangeReads = new ArrayList<>(2);
        rangeReads.add(new byte[][] {fromInclusive, toExclusive});
    }

    /** Throws 1792 when the transaction is READ ONLY, 1290 when the store serves reads only. */
    public void checkWritable() {
        checkActive();
        if (readOnly) throw ErrorCode.ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION.error();
        // e.g. a compute opened at a past moment: MySQL's answer on a read_only server
        if (manager.store().readOnly()) throw new SqlException(ErrorCode.ER_OPTION_PREVENTS_STATEMENT, "--read-only");
    }

    private void remember(byte[] key, byte[] previous) {
        if (savepoints.isEmpty() && openMarks == 0) return;
        undo.add(key);
        undo.add(previous == null ? ABSENT : previous);
    }

    // ---------------------------------------------------------------- savepoints

    /** SAVEPOINT name (an existing savepoint of the same name, case-insensitive, is replaced). */
    public void savepoint(String name) {
        checkActive();
        int i = find(name);
        if (i >= 0) savepoints.remove(i);
        savepoints.add(new Savepoint(name, undo.size()));
    }

    /** ROLLBACK TO SAVEPOINT name: undoes later writes, keeps the savepoint, drops later ones. */
    public void rollbackToSavepoint(String name) {
        int i = find(name);
        if (i < 0) throw ErrorCode.ER_SAVEPOINT_DOES_NOT_EXIST.error(name);
        undoTo(savepoints.get(i).undoSize());
        while (savepoints.size() > i + 1) savepoints.removeLast();
    }

    /** RELEASE SAVEPOINT name: forgets it and later savepoints. */
    public void releaseSavepoint(String name) {
        int i = find(name);
        if (i < 0) throw ErrorCode.ER_SAVEPOINT_DOES_NOT_EXIST.error(name);
        while (savepoints.size() > i) savepoints.removeLast();
        trimUndo();
    }

    /**
     * A rollback point for statement atomicity (a failing statement undoes only its own writes).
     * Pair with {@link #rollbackTo(Mark)} or {@link #release(Mark)}.
     */
    public Mark mark() {
        openMarks++;
        return new Mark(undo.size(), savepoints.size());
    }

    public void rollbackTo(Mark mark) {
        undoTo(mark.undoSize());
        while (savepoints.size() > mark.savepointCount()) savepoints.removeLast();
        release(mark);
    }

    public void release(Mark mark) {
        if (openMarks > 0) openMarks--;
        trimUndo();
    }

    private void trimUndo() {
        if (savepoints.isEmpty() && openMarks == 0) undo.clear();
    }

    private void undoTo(int size) {
        for (int i = undo.size() - 2; i >= size; i -= 2) {
            byte[] key = (byte[]) undo.get(i);
            byte[] prev = (byte[]) undo.get(i + 1);
            if (prev == ABSENT) writes.remove(key);
            else writes.put(key, prev);
        }
        while (undo.size() > size) undo.removeLast();
    }

    private int find(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) if (savepoints.get(i).name().equalsIgnoreCase(name)) return i;
        return -1;
    }

    // ---------------------------------------------------------------- end

    /** Runs after a successful commit that applied writes (e.g. publish a new catalog snapshot). */
    public void onCommit(Runnable action) {
        if (onCommit == null) onCommit = new ArrayList<>(2);
        onCommit.add(action);
    }

    /**
     * The lock package's record of the tables this transaction used (see lock.TableUseRecorder):
     * run when the transaction ends, committed or rolled back (it releases their metadata locks).
     */
    public Runnable tableUses() { return tableUses; }

    public void setTableUses(Runnable uses) { tableUses = uses; }

    /** Per-transaction state other packages attach (e.g. the catalog's uncommitted DDL). */
    public Object local(Object key) { return locals == null ? null : locals.get(key); }

    public void setLocal(Object key, Object value) {
        if (locals == null) locals = new HashMap<>();
        if (value == null) locals.remove(key);
        else locals.put(key, value);
    }

    /**
     * Commits; returns the commit sequence, or 0 when there was nothing to write.
     *
     * @throws SqlException 1213 when another transaction committed a conflicting key first,
     *                      1021/1030 on storage failure; in every case the transaction has ended
     */
    public long commit() {
        if (!active) return 0;
        boolean blindOnly = writes.isEmpty();
        if (blindOnly && blind == null && blindLatest == null) {
            end();
            runHooks();
            return 0;
        }
        WriteBatch batch = new WriteBatch();
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            if (e.getValue() == TOMBSTONE) batch.delete(e.getKey());
            else batch.put(e.getKey(), e.getValue());
        }
        if (blind != null) for (Map.Entry<byte[], byte[]> e : blind.entrySet()) batch.put(e.getKey(), e.getValue());
        if (blindLatest != null) for (var e : blindLatest.entrySet()) batch.put(e.getKey().bytes(), e.getValue().get());
        long seq;
        List<ByteKey> keys = null;
        ConflictTracker.Stamp[] stamp = new ConflictTracker.Stamp[1];
        ConflictTracker tracker = manager.conflicts();
        try {
            if (blindOnly) {
                seq = manager.store().commit(batch, null);
            } else {
                List<ByteKey> checked = new ArrayList<>(writes.size() + (locks == null ? 0 : locks.size()));
                for (byte[] k : writes.keySet()) checked.add(ByteKey.of(k));
                keys = checked;
                if (locks != null) {
                    // a key locked in share mode (FOR SHARE, a foreign key's parent) is checked but not
                    // recorded: this commit does not change it, so other holders of the shared lock
                    // must not lose to it (two children of one parent both commit)
                    keys = new ArrayList<>(checked);
                    for (byte[] k : locks.keySet()) {
                        ByteKey key = ByteKey.of(k);
                        checked.add(key);
                        if (held == null || !Boolean.FALSE.equals(held.get(key))) keys.add(key);
                    }
                }
                List<ByteKey> conflictKeys = keys;
                long snapSeq = conflictSequence;
                Map<ByteKey, Long> readAt = currentAt;
                List<byte[][]> ranges = rangeReads;
                List<CommitCheck> extra = checks == null ? List.of() : new ArrayList<>(checks.values());
                seq = manager.store().commit(batch, sequence -> {
                    // a store may retry a group and validate again: take back our own earlier record first
                    if (stamp[0] != null) {
                        tracker.retract(conflictKeys, stamp[0]);
                        stamp[0] = null;
                        undoChecks(extra, extra.size());
                    }
                    if (tracker.conflicts(checked, snapSeq, readAt)) throw ErrorCode.ER_LOCK_DEADLOCK.error();
                    if (ranges != null && tracker.conflictsInRanges(ranges, snapSeq)) throw ErrorCode.ER_LOCK_DEADLOCK.error();
                    for (int i = 0; i < extra.size(); i++) {
                        try {
                            extra.get(i).validate(sequence);
                        } catch (RuntimeException rejected) {
                            undoChecks(extra, i);
                            throw rejected;
                        }
                    }
                    stamp[0] = tracker.record(conflictKeys, sequence);
                });
            }
        } catch (CommitWaitStopped stopped) {
            throw settleLater(stopped, tracker, keys, stamp);
        } catch (RuntimeException e) {
            if (stamp[0] != null) { // validated but not applied
                tracker.retract(keys, stamp[0]);
                if (checks != null) undoChecks(new ArrayList<>(checks.values()), checks.size());
            }
            if (e instanceof StorageException se) throw storageError(se);
            throw e;
        } finally {
            end();
        }
        runHooks();
        return seq;
    }

    /**
     * The committer was KILLed (or hit its deadline) while the store still waited for the commit's outcome:
     * the statement fails with 1317/3024 now, and the commit is finished when the store learns the outcome.
     * Until then its conflict record stays (a commit that lands must not be overwritten from an older
     * snapshot; one that does not only made others conflict needlessly meanwhile); the after-commit hooks
     * (catalog and cache updates) run only if it lands, on the thread that learns it.
     */
    private SqlException settleLater(CommitWaitStopped stopped, ConflictTracker tracker, List<ByteKey> keys, ConflictTracker.Stamp[] stamp) {
        List<Runnable> hooks = onCommit;
        onCommit = null;
        List<CommitCheck> validated = checks == null ? List.of() : new ArrayList<>(checks.values());
        // async: the store completes the outcome on its own commit thread, possibly holding its locks
        stopped.outcome().whenCompleteAsync((seq, failed) -> {
            if (failed == null) {
                if (hooks != null) for (Runnable r : hooks) r.run();
            } else if (stamp[0] != null) { // read here: the store's thread may still be validating when the wait stops
                tracker.retract(keys, stamp[0]);
                undoChecks(validated, validated.size());
            }
        });
        return stopped.reason();
    }

    private static void undoChecks(List<CommitCheck> checks, int count) {
        for (int i = count - 1; i >= 0; i--) checks.get(i).undo();
    }

    /** Drops the buffer and the snapshot. Safe to call twice. */
    public void rollback() {
        if (!active) return;
        end();
    }

    private void runHooks() {
        if (onCommit != null) for (Runnable r : onCommit) r.run();
        onCommit = null;
    }

    private void end() {
        active = false;
        if (held != null) {
            manager.rowLocks().releaseAll(id, held.keySet());
            held = null;
        }
        if (gapsHeld) {
            manager.rowLocks().releaseGaps(id);
            gapsHeld = false;
        }
        writes.clear();
        undo.clear();
        savepoints.clear();
        locks = null;
        currentAt = null;
        currentValues = null;
        blind = null;
        blindLatest = null;
        checks = null;
        lastCheckKey = null;
        rangeReads = null;
        for (MergeCursor c : openCursors) c.release();
        openCursors.clear();
        closeLatest();
        latestReads = false;
        sharedReadTables = null;
        if (snapshot != null) {
            try {
                snapshot.close();
            } catch (RuntimeException ignored) {
                // the snapshot is gone either way
            }
            snapshot = null;
        }
        conflictSequence = -1;
        if (registeredSequence >= 0) {
            manager.conflicts().unregister(registeredSequence);
            registeredSequence = -1;
        }
        if (tableUses != null) tableUses.run();
    }

    private void checkActive() {
        if (!active) throw ErrorCode.ER_INTERNAL_ERROR.error("transaction already ended");
    }

    /** Maps a storage failure to the MySQL error a client sees. */
    public static SqlException storageError(StorageException e) {
        String msg = e.getMessage() == null ? e.kind().name() : e.getMessage();
        return switch (e.kind()) {
            case DISK_FULL -> new SqlException(ErrorCode.ER_DISK_FULL.code(), ErrorCode.ER_DISK_FULL.sqlState(),
                    ErrorCode.ER_DISK_FULL.format(msg), e);
            case IO -> withCause(ErrorCode.ER_GET_ERRNO, e, 5, msg);
            case PERMISSION -> withCause(ErrorCode.ER_GET_ERRNO, e, 13, msg);
            case LOCKED -> withCause(ErrorCode.ER_GET_ERRNO, e, 11, msg);
            default -> withCause(ErrorCode.ER_GET_ERRNO, e, 168, msg);
        };
    }

    private static SqlException withCause(ErrorCode code, Throwable cause, Object... args) {
        return new SqlException(code.code(), code.sqlState(), code.format(args), cause);
    }
}
