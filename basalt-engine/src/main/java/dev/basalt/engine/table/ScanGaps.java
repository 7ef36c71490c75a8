package dev.basalt.engine.table;

import dev.basalt.engine.txn.GapLock;
import dev.basalt.engine.txn.Transaction;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The gap locks one locking scan takes under REPEATABLE READ / SERIALIZABLE, Basalt's form of
 * InnoDB's next-key locks: as the scan reads on, the locked range grows from the range's start to
 * just past the last key read, and reaching the end locks the rest of the range. A scan that stops
 * early (LIMIT) leaves the range past its last row unlocked, as InnoDB does. The range is the
 * predicate's exact key range (InnoDB also locks the next key past it). A unique-key equality
 * locks its gap only when it finds no row. The scan's rows are record-locked separately.
 */
public final class ScanGaps {
    /** READ COMMITTED, or an empty range: no gap locks. */
    public static final ScanGaps NONE = new ScanGaps(null, null, false, false, null);

    private final Transaction txn;
    /** The range's KV keys [from, to), or null when it is empty; built on first use. */
    private final Supplier<byte[][]> bounds;
    private byte[] from;
    private byte[] to;
    private boolean empty;
    private final boolean reverse;
    private final boolean uniquePoint;
    private final Function<Object[], byte[]> keyOf;
    private boolean found;
    private GapLock gap;

    ScanGaps(Transaction txn, Supplier<byte[][]> bounds, boolean reverse, boolean uniquePoint,
             Function<Object[], byte[]> keyOf) {
        this.txn = txn;
        this.bounds = bounds;
        this.reverse = reverse;
        this.uniquePoint = uniquePoint;
        this.keyOf = keyOf;
    }

    /** The scan read this row (its snapshot version): lock the gaps up to its key. */
    public void row(Object[] row) {
        if (txn == null) return;
        found = true;
        if (uniquePoint || !bounded()) return;
        byte[] key = keyOf.apply(row);
        gap = reverse ? txn.lockGap(gap, key, to) : txn.lockGap(gap, from, justAfter(key));
    }

    /** The scan reached the end of its range: lock all of it. */
    public void end() {
        if (txn == null || uniquePoint && found || !bounded()) return;
        gap = txn.lockGap(gap, from, to);
    }

    /** Builds the bounds on first use; false when the range is empty (nothing to lock). */
    private boolean bounded() {
        if (from == null && !empty) {
            byte[][] kv = bounds.get();
            if (kv == null) empty = true;
            else {
                from = kv[0];
                to = kv[1];
            }
        }
        return !empty;
    }

    /** The smallest key after {@code key}. */
    private static byte[] justAfter(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
