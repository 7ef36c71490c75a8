package dev.basalt.engine.txn;

import dev.basalt.engine.api.ErrorCode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * InnoDB-style record locks over KV keys, held until the owning transaction ends: shared (FOR
 * SHARE, SERIALIZABLE reads) or exclusive (writes, FOR UPDATE). A conflicting request waits up to
 * the transaction's lock wait timeout (1205), unless it closes a cycle in the wait-for graph, in
 * which case the requester is the deadlock victim (1213) at once. NOWAIT fails with 3572 and SKIP
 * LOCKED reports the key as skipped instead of waiting.
 *
 * <p>Gap locks ({@link GapLocks}) live beside the record locks: taking one never waits, and a
 * write into another transaction's range waits as an insert intention ({@link #insertIntention}),
 * in the same wait-for graph, so a cycle through gap and record locks is a deadlock too.
 *
 * <p>One lock guards the table and the wait-for graph: critical sections are a few map
 * operations, and the deadlock search needs a consistent view of every waiter. A release wakes
 * only the waiters blocked by the releasing transaction.
 */
final class RowLocks {
    /** How a request behaves when the key is locked by another transaction. */
    enum Wait { WAIT, NOWAIT, SKIP_LOCKED }

    private static final class Entry {
        long exclusive;                 // owner id, 0 when none
        final Set<Long> shared = new HashSet<>(2);

        boolean free() { return exclusive == 0 && shared.isEmpty(); }
    }

    private final java.util.concurrent.locks.ReentrantLock monitor = new java.util.concurrent.locks.ReentrantLock();
    /**
     * Waiting transaction id -> what wakes it: a release by one of the transactions it waits for
     * signals that waiter alone (a release used to wake every waiter of every key, and on a hot row
     * each of them queued again for the monitor only to find its own key still taken).
     */
    private final Map<Long, Sleeper> sleepers = new HashMap<>();

    private record Sleeper(java.util.concurrent.locks.Condition wake, Set<Long> blockers) {}
    /** Changed only under the monitor; concurrent so {@link #awaitFree} can look without it. */
    private final Map<ByteKey, Entry> table = new java.util.concurrent.ConcurrentHashMap<>();
    /** Waiting transaction id -> the ids it waits for. */
    private final Map<Long, Set<Long>> waitsFor = new HashMap<>();
    /** Waiting transaction id -> the key and mode it asked for (performance_schema.data_locks). */
    private final Map<Long, Request> requests = new HashMap<>();

    private final GapLocks gaps = new GapLocks();

    /**
     * Keys multi-statement transactions inserted and have not committed (key -> inserter), in key
     * order: InnoDB's implicit lock on a new record, which a locking scan meets in the index and
     * waits for. Here the scan reads committed data only, so it looks them up before it reads
     * ({@link #awaitInserts}). Written without the monitor; read under it.
     */
    private final java.util.concurrent.ConcurrentSkipListMap<byte[], Long> inserted =
            new java.util.concurrent.ConcurrentSkipListMap<>(java.util.Arrays::compareUnsigned);

    /** What a lock covers, as performance_schema.data_locks' LOCK_MODE names it after X/S. */
    enum Kind { REC_NOT_GAP, GAP, INSERT_INTENTION }

    private record Request(ByteKey key, boolean exclusive, Kind kind) {}

    /** One lock held or asked for, as performance_schema.data_locks lists it (a gap: key = its start, end = its end). */
    record Held(long txn, ByteKey key, boolean exclusive, boolean granted, Kind kind, byte[] end) {}

    /** A waiting transaction and one transaction it waits for (performance_schema.data_lock_waits). */
    record Waiting(long txn, ByteKey key, boolean exclusive, long blocker, GapLock blockingGap) {}

    /**
     * Grants the lock or fails.
     *
     * @return true when granted, false when skipped (SKIP LOCKED)
     * @throws dev.basalt.engine.api.SqlException 1205 after the timeout, 1213 when waiting would
     *         deadlock, 3572 for NOWAIT
     */
    boolean acquire(long txn, ByteKey key, boolean exclusive, Wait policy, long timeoutMillis) {
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        monitor.lock();
        try {
            while (true) {
                Entry e = table.get(key);
                Set<Long> blockers = blockers(e, txn, exclusive);
                if (blockers.isEmpty()) {
                    grant(e, key, txn, exclusive);
                    return true;
                }
                if (policy == Wait.SKIP_LOCKED) return false;
                if (policy == Wait.NOWAIT) throw ErrorCode.ER_LOCK_NOWAIT.error();
                waitOnce(txn, blockers, new Request(key, exclusive, Kind.REC_NOT_GAP), deadline);
            }
        } finally {
            waitsFor.remove(txn);
            requests.remove(txn);
            monitor.unlock();
        }
    }

    /**
     * Waits until no other transaction holds the key (1205 after the timeout) without taking it:
     * autocommit writes, whose transaction lasts one statement, stay optimistic among themselves
     * (the commit-time check and the server's retry settle their races) but still queue behind
     * the locks of multi-statement transactions. Never part of a cycle: it holds nothing.
     */
    void awaitFree(long txn, ByteKey key, boolean exclusive, long timeoutMillis) {
        if (!table.containsKey(key)) return; // the common case, without the monitor
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        monitor.lock();
        try {
            Set<Long> blockers;
            while (!(blockers = blockers(table.get(key), txn, exclusive)).isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
                waitSlice(txn, blockers, remaining);
            }
        } finally {
            monitor.unlock();
        }
    }

    /**
     * True when another transaction holds the key exclusively (it wrote the key and has not
     * ended). A look without the monitor: a hint for the duplicate check, which then waits with
     * {@link #acquire}; a race it misses is caught by the commit-time check.
     */
    boolean heldExclusivelyByOther(long txn, ByteKey key) {
        Entry e = table.get(key);
        if (e == null) return false;
        monitor.lock();
        try {
            return e.exclusive != 0 && e.exclusive != txn;
        } finally {
            monitor.unlock();
        }
    }

    /**
     * One round of a blocked request (the caller holds the monitor and clears the wait-for edges
     * when it is done): records who it waits for, fails with 1213 when that closes a cycle or 1205
     * past the deadline, else waits for a release.
     */
    private void waitOnce(long txn, Set<Long> blockers, Request request, long deadline) {
        waitsFor.put(txn, blockers);
        requests.put(txn, request);
        if (reaches(blockers, txn)) throw ErrorCode.ER_LOCK_DEADLOCK.error();
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
        waitSlice(txn, blockers, remaining);
    }

    /**
     * Waits (the caller holds the lock) until one of {@code blockers} releases something, at most
     * 100 ms at a time so that KILL QUERY / max_execution_time end a lock wait too (1317 / 3024).
     */
    private void waitSlice(long txn, Set<Long> blockers, long remainingNanos) {
        long waited = System.nanoTime();
        java.util.concurrent.locks.Condition wake = monitor.newCondition();
        sleepers.put(txn, new Sleeper(wake, blockers));
        try {
            wake.await(Math.max(1, Math.min(remainingNanos / 1_000_000L, 100)), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
        } finally {
            sleepers.remove(txn);
            dev.basalt.engine.exec.StatementScans.lockWaited(System.nanoTime() - waited); // Lock_time
        }
        dev.basalt.engine.exec.Cancellation.check();
    }

    /** Takes or widens a gap lock on [from, to) (see {@link GapLocks#lock}); never waits. */
    GapLock lockGap(long txn, GapLock gap, byte[] from, byte[] to, boolean exclusive) {
        monitor.lock();
        try {
            return gaps.lock(txn, gap, from, to, exclusive);
        } finally {
            monitor.unlock();
        }
    }

    /**
     * Waits until no other transaction holds a gap lock covering the key (InnoDB's insert
     * intention): 1205 after the timeout, 1213 at once when waiting would close a cycle. Granted
     * insert intentions are not kept: gap locks taken later do not wait for them, and the written
     * key's record lock covers the row from then on.
     */
    void insertIntention(long txn, byte[] keyBytes, long timeoutMillis) {
        if (gaps.none()) return; // the common case, without the monitor (or hashing the key)
        ByteKey key = ByteKey.of(keyBytes);
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        monitor.lock();
        try {
            while (true) {
                Set<Long> blockers = gaps.holders(key.bytes(), txn);
                if (blockers.isEmpty()) return;
                waitOnce(txn, blockers, new Request(key, true, Kind.INSERT_INTENTION), deadline);
            }
        } finally {
            waitsFor.remove(txn);
            requests.remove(txn);
            monitor.unlock();
        }
    }

    /** Notes a key the transaction inserted while holding its exclusive lock (see {@link #inserted}). */
    void noteInsert(long txn, byte[] key) { inserted.put(key, txn); }

    /**
     * Before a locking read of [from, to) (to null: unbounded) opens its cursor: waits until no
     * other transaction has an uncommitted insert in the range, so the read then sees the rows
     * they committed (InnoDB waits on the new record's implicit lock). NOWAIT fails with 3572;
     * SKIP LOCKED does not wait (uncommitted rows are not read, so they are skipped). 1205 after
     * the timeout, 1213 when waiting would close a cycle.
     */
    void awaitInserts(long txn, byte[] from, byte[] to, Wait policy, long timeoutMillis) {
        if (inserted.isEmpty() || policy == Wait.SKIP_LOCKED || insertersIn(from, to, txn).isEmpty()) return;
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        monitor.lock();
        try {
            while (true) {
                Set<Long> blockers = insertersIn(from, to, txn);
                if (blockers.isEmpty()) return;
                if (policy == Wait.NOWAIT) throw ErrorCode.ER_LOCK_NOWAIT.error();
                byte[] first = (to == null ? inserted.tailMap(from) : inserted.subMap(from, to)).firstKey();
                waitOnce(txn, blockers, new Request(ByteKey.of(first), false, Kind.REC_NOT_GAP), deadline);
            }
        } finally {
            waitsFor.remove(txn);
            requests.remove(txn);
            monitor.unlock();
        }
    }

    /** The other transactions with an uncommitted insert in [from, to). */
    private Set<Long> insertersIn(byte[] from, byte[] to, long except) {
        Set<Long> out = null;
        for (long t : (to == null ? inserted.tailMap(from) : inserted.subMap(from, to)).values()) {
            if (t == except) continue;
            if (out == null) out = new HashSet<>(2);
            out.add(t);
        }
        return out == null ? Set.of() : out;
    }

    /** Releases the transaction's gap locks and wakes the inserts waiting for them. */
    void releaseGaps(long txn) {
        monitor.lock();
        try {
            if (gaps.release(txn)) wakeWaitersOf(txn);
        } finally {
            monitor.unlock();
        }
    }

    /** Releases every lock of the transaction on the given keys and wakes the waiters. */
    void releaseAll(long txn, Iterable<ByteKey> keys) {
        monitor.lock();
        try {
            boolean any = false;
            boolean inserts = !inserted.isEmpty();
            for (ByteKey k : keys) {
                if (inserts) inserted.remove(k.bytes(), txn);
                Entry e = table.get(k);
                if (e == null) continue;
                if (e.exclusive == txn) e.exclusive = 0;
                e.shared.remove(txn);
                if (e.free()) table.remove(k);
                any = true;
            }
            // an uncommitted insert without a record lock entry also blocks (awaitInserts)
            if (any || inserts) wakeWaitersOf(txn);
        } finally {
            monitor.unlock();
        }
    }

    /** Signals the waiters that {@code txn} blocked (the caller holds the lock). */
    private void wakeWaitersOf(long txn) {
        if (sleepers.isEmpty()) return;
        for (Sleeper w : sleepers.values()) {
            if (w.blockers().contains(txn)) w.wake().signal();
        }
    }

    /** Every granted lock and every waiting request, at one moment. */
    List<Held> locks() {
        monitor.lock();
        try {
            List<Held> out = new ArrayList<>();
            for (Map.Entry<ByteKey, Entry> e : table.entrySet()) {
                Entry en = e.getValue();
                if (en.exclusive != 0) out.add(new Held(en.exclusive, e.getKey(), true, true, Kind.REC_NOT_GAP, null));
                for (long s : en.shared) out.add(new Held(s, e.getKey(), false, true, Kind.REC_NOT_GAP, null));
            }
            for (GapLock g : gaps.all()) out.add(new Held(g.txn, ByteKey.of(g.from), g.exclusive, true, Kind.GAP, g.to));
            for (Map.Entry<Long, Request> r : requests.entrySet()) {
                Request q = r.getValue();
                out.add(new Held(r.getKey(), q.key(), q.exclusive(), false, q.kind(), null));
            }
            return out;
        } finally {
            monitor.unlock();
        }
    }

    /** Who waits for whom, at one moment. */
    List<Waiting> waits() {
        monitor.lock();
        try {
            List<Waiting> out = new ArrayList<>();
            for (Map.Entry<Long, Request> r : requests.entrySet()) {
                Set<Long> by = waitsFor.get(r.getKey());
                if (by == null) continue;
                Request q = r.getValue();
                for (long b : by) {
                    // an insert intention waits for a blocker's gap lock, not for a lock on its own key
                    GapLock g = q.kind() == Kind.INSERT_INTENTION ? gaps.covering(b, q.key().bytes()) : null;
                    out.add(new Waiting(r.getKey(), q.key(), q.exclusive(), b, g));
                }
            }
            return out;
        } finally {
            monitor.unlock();
        }
    }

    /** Number of locked keys (tests and metrics). */
    int size() {
        monitor.lock();
        try {
            return table.size();
        } finally {
            monitor.unlock();
        }
    }

    private static Set<Long> blockers(Entry e, long txn, boolean exclusive) {
        if (e == null) return Set.of();
        Set<Long> b = new HashSet<>(2);
        if (e.exclusive != 0 && e.exclusive != txn) b.add(e.exclusive);
        if (exclusive) for (long s : e.shared) if (s != txn) b.add(s);
        return b;
    }

    private void grant(Entry e, ByteKey key, long txn, boolean exclusive) {
        if (e == null) {
            e = new Entry();
            table.put(key, e);
        }
        if (exclusive) {
            e.exclusive = txn;
            e.shared.remove(txn); // an upgrade: the exclusive lock covers the shared one
        } else if (e.exclusive != txn) {
            e.shared.add(txn);
        }
    }

    /** True when following wait-for edges from the blockers leads back to the requester. */
    private boolean reaches(Set<Long> blockers, long txn) {
        ArrayDeque<Long> todo = new ArrayDeque<>(blockers);
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            long t = todo.poll();
            if (t == txn) return true;
            if (!seen.add(t)) continue;
            Set<Long> next = waitsFor.get(t);
            if (next != null) todo.addAll(next);
        }
        return false;
    }

    /** Keys a transaction holds, remembered by the transaction itself for release (see Transaction). */
    static List<ByteKey> newHeldList() { return new ArrayList<>(4); }
}
