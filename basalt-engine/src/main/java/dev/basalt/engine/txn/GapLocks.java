package dev.basalt.engine.txn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gap (range) locks of all transactions: Basalt's answer to InnoDB's next-key locks. A
 * locking read under REPEATABLE READ or SERIALIZABLE locks the index key range it scanned; gap
 * locks never conflict with each other (as in InnoDB, they only inhibit inserts), and a write of a
 * key inside another transaction's range waits (an insert intention) until that transaction ends.
 *
 * <p>Not thread-safe: used under {@link RowLocks}' monitor, except {@link #none()}, the lock-free
 * fast path every write takes.
 */
final class GapLocks {
    /** How many of a transaction's latest ranges a new one may merge into (keeps adds cheap). */
    private static final int MERGE_WINDOW = 8;

    private final Map<Long, List<GapLock>> byTxn = new HashMap<>();
    private volatile int count;

    /** True when no transaction holds a gap lock (read without the monitor). */
    boolean none() { return count == 0; }

    /**
     * Locks [from, to) for the transaction: widens {@code gap} when given (the scan that owns it
     * read on), else merges into one of the transaction's recent ranges it touches, else adds one.
     */
    GapLock lock(long txn, GapLock gap, byte[] from, byte[] to, boolean exclusive) {
        if (gap != null && gap.txn == txn && byTxn.containsKey(txn)) {
            gap.widen(from, to);
            return gap;
        }
        List<GapLock> mine = byTxn.computeIfAbsent(txn, k -> new ArrayList<>(2));
        for (int i = mine.size() - 1; i >= Math.max(0, mine.size() - MERGE_WINDOW); i--) {
            GapLock g = mine.get(i);
            if (g.exclusive == exclusive && g.touches(from, to)) {
                g.widen(from, to);
                return g;
            }
        }
        GapLock g = new GapLock(txn, from, to, exclusive);
        mine.add(g);
        count++;
        return g;
    }

    /** The other transactions whose ranges cover the key. */
    Set<Long> holders(byte[] key, long except) {
        Set<Long> out = null;
        for (Map.Entry<Long, List<GapLock>> e : byTxn.entrySet()) {
            if (e.getKey() == except) continue;
            for (GapLock g : e.getValue()) {
                if (g.covers(key)) {
                    if (out == null) out = new HashSet<>(2);
                    out.add(e.getKey());
                    break;
                }
            }
        }
        return out == null ? Set.of() : out;
    }

    /** The transaction's range that covers the key, or null. */
    GapLock covering(long txn, byte[] key) {
        List<GapLock> mine = byTxn.get(txn);
        if (mine != null) for (GapLock g : mine) if (g.covers(key)) return g;
        return null;
    }

    /** Drops the transaction's ranges; true when it had any. */
    boolean release(long txn) {
        List<GapLock> gone = byTxn.remove(txn);
        if (gone == null) return false;
        count -= gone.size();
        return true;
    }

    /** Every range held, for performance_schema.data_locks. */
    List<GapLock> all() {
        List<GapLock> out = new ArrayList<>();
        for (List<GapLock> l : byTxn.values()) out.addAll(l);
        return out;
    }
}
