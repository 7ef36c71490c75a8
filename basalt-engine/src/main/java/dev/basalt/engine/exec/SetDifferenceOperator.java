package dev.basalt.engine.exec;

import dev.basalt.engine.exec.spill.Partitions;
import dev.basalt.engine.exec.spill.SpillFile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * EXCEPT and INTERSECT: rows of the left input (not) present in the right input. Without ALL,
 * each distinct row appears once; with ALL, multiplicities are subtracted / intersected.
 *
 * <p>The right input's keys count against the statement's memory budget. Beyond it, right rows of
 * keys not in memory go to partition files by key hash, and so do left rows whose key is not in
 * memory; each pair of partitions is then processed alone (a key lives in exactly one place, so
 * the answer is the in-memory one, possibly in another order). The keys already emitted (without
 * ALL) are not counted.
 */
public final class SetDifferenceOperator implements Operator {
    private Operator left; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private Operator right; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Function<Object[], Object> key;
    private final boolean intersect;
    private final boolean all;
    private Map<Object, Integer> counts;
    private Map<Object, Boolean> emitted;

    private final QueryMemory.Lease memory = QueryMemory.forHash();
    /** The client statement's counters: this hash table is one of its Created_tmp_tables (null for internal work). */
    private final StatementScans scans = StatementScans.current();
    private int depth;
    private Partitions rightOverflow;
    private Partitions leftOverflow;
    /** After the left input ended: the left partition being read (null: none). */
    private boolean leftDone;
    private SpillFile currentLeft;
    private final Deque<Pair> pending = new ArrayDeque<>();

    private record Pair(SpillFile right, SpillFile left, int depth) {}

    public SetDifferenceOperator(Operator left, Operator right, Function<Object[], Object> key, boolean intersect, boolean all) {
        this.left = left;
        this.right = right;
        this.key = key;
        this.intersect = intersect;
        this.all = all;
    }

    @Override public void open() {
        memory.release();
        dropSpill();
        counts = new HashMap<>();
        emitted = new HashMap<>();
        depth = 0;
        if (scans != null) scans.tmpTable();
        right.open();
        try {
            loadRight(right::next);
        } finally {
            right.close();
        }
        leftDone = false;
        left.open();
    }

    /** Counts the right rows in memory as far as the budget allows; the rest go to {@link #rightOverflow}. */
    private void loadRight(java.util.function.Supplier<Object[]> source) {
        Object[] r;
        while ((r = source.get()) != null) {
            Cancellation.check();
            Object k = key.apply(r);
            Integer c = counts.get(k);
            if (c != null) {
                counts.put(k, c + 1);
            } else if (counts.isEmpty()) {
                memory.add(r); // the first key stays in memory (1041 only past the whole budget)
                counts.put(k, 1);
            } else if (rightOverflow == null && memory.tryAdd(r)) {
                counts.put(k, 1);
            } else {
                if (depth >= Partitions.MAX_DEPTH) throw memory.overBudget();
                if (rightOverflow == null) {
                    rightOverflow = new Partitions(depth);
                    if (depth == 0 && scans != null) scans.tmpTableSpilled();
                }
                spill(rightOverflow, k, r);
            }
        }
    }

    private void spill(Partitions p, Object k, Object[] r) {
        try {
            p.add(k.hashCode(), r);
        } catch (SpillFile.Unspillable e) {
            throw memory.overBudget();
        }
    }

    @Override public Object[] next() {
        if (counts == null) return null;
        while (true) {
            Object[] r = !leftDone ? left.next() : currentLeft == null ? null : currentLeft.read();
            if (r == null) {
                if (!nextPartition()) return null;
                continue;
            }
            Cancellation.check();
            Object k = key.apply(r);
            if (rightOverflow != null && !counts.containsKey(k)) {
                // its right rows, if any, are in the partition of its hash: decide there
                if (leftOverflow == null) leftOverflow = new Partitions(depth);
                spill(leftOverflow, k, r);
                continue;
            }
            int c = counts.getOrDefault(k, 0);
            if (all) {
                if (intersect) {
                    if (c > 0) { counts.put(k, c - 1); return r; }
                } else {
                    if (c > 0) counts.put(k, c - 1);
                    else return r;
                }
            } else {
                if (emitted.containsKey(k)) continue;
                if ((c > 0) == intersect) { emitted.put(k, true); return r; }
            }
        }
    }

    /** The current left source ended: on to the next partition pair; false at the very end. */
    private boolean nextPartition() {
        if (currentLeft != null) currentLeft.close();
        currentLeft = null;
        leftDone = true;
        if (rightOverflow != null) {
            SpillFile[] rs = rightOverflow.takeByIndex();
            SpillFile[] ls = leftOverflow == null ? new SpillFile[Partitions.FANOUT] : leftOverflow.takeByIndex();
            for (int i = 0; i < Partitions.FANOUT; i++) {
                if (rs[i] != null || ls[i] != null) pending.add(new Pair(rs[i], ls[i], depth + 1));
            }
            rightOverflow.close();
            rightOverflow = null;
        }
        if (leftOverflow != null) leftOverflow.close();
        leftOverflow = null;
        while (true) {
            Pair p = pending.poll();
            if (p == null) {
                counts = null; // the end: later calls answer null too
                return false;
            }
            if (p.left() == null) { // no left rows: nothing to emit
                if (p.right() != null) p.right().close();
                continue;
            }
            memory.release();
            counts = new HashMap<>();
            emitted = new HashMap<>();
            depth = p.depth();
            if (p.right() != null) {
                try {
                    loadRight(p.right()::read);
                } finally {
                    p.right().close();
                }
            }
            currentLeft = p.left();
            return true;
        }
    }

    private void dropSpill() {
        if (currentLeft != null) currentLeft.close();
        currentLeft = null;
        if (rightOverflow != null) rightOverflow.close();
        rightOverflow = null;
        if (leftOverflow != null) leftOverflow.close();
        leftOverflow = null;
        for (Pair p : pending) {
            if (p.right() != null) p.right().close();
            if (p.left() != null) p.left().close();
        }
        pending.clear();
    }

    @Override public void close() {
        left.close();
        counts = null;
        emitted = null;
        dropSpill();
        memory.release();
    }

    @Override public String explainLabel() { return (intersect ? "Intersect" : "Except") + (all ? " all" : "") + " materialize with deduplication"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(left, right); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) {
        left = wrap.apply(left);
        right = wrap.apply(right);
    }
}
