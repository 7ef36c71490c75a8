package dev.basalt.engine.txn;

/**
 * One gap (range) lock of a transaction: the KV keys in [from, to) (to null: no upper bound).
 * A locking scan starts one and widens it as it reads on (see {@link Transaction#lockGap}), so a
 * scan costs one lock however many rows it reads. Fields change only under {@link RowLocks}' monitor.
 */
public final class GapLock {
    final long txn;
    final boolean exclusive;
    byte[] from;
    byte[] to;

    GapLock(long txn, byte[] from, byte[] to, boolean exclusive) {
        this.txn = txn;
        this.from = from;
        this.to = to;
        this.exclusive = exclusive;
    }

    boolean covers(byte[] key) {
        return java.util.Arrays.compareUnsigned(key, from) >= 0 && (to == null || java.util.Arrays.compareUnsigned(key, to) < 0);
    }

    /** True when [f, t) overlaps or touches this range, so the two can be one lock. */
    boolean touches(byte[] f, byte[] t) {
        boolean startsBeforeOurEnd = to == null || java.util.Arrays.compareUnsigned(f, to) <= 0;
        boolean endsAfterOurStart = t == null || java.util.Arrays.compareUnsigned(t, from) >= 0;
        return startsBeforeOurEnd && endsAfterOurStart;
    }

    /** Grows the range to cover [f, t) as well. */
    void widen(byte[] f, byte[] t) {
        if (java.util.Arrays.compareUnsigned(f, from) < 0) from = f;
        if (to != null && (t == null || java.util.Arrays.compareUnsigned(t, to) > 0)) to = t;
    }
}
