package dev.basalt.engine.exec;

import dev.basalt.engine.exec.spill.Partitions;
import dev.basalt.engine.exec.spill.SpillFile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Drops rows whose key (SQL equality under collations) was seen before. Streaming while the seen
 * keys fit the statement's memory budget; beyond it, rows of unseen keys go to partition files by
 * key hash ({@link Partitions}) and each partition is deduplicated alone after the input ends
 * (every key lives in exactly one place, so no duplicate escapes). Also UNION's dedup.
 */
public final class DistinctOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Function<Object[], Object> key;
    private Set<Object> seen;
    /** Where rows come from now: the child, then each partition in turn. */
    private SpillFile current;
    private boolean childDone;
    private int depth;
    private Partitions overflow;
    private final Deque<SpillFile> pending = new ArrayDeque<>();
    private final Deque<Integer> pendingDepth = new ArrayDeque<>();

    public DistinctOperator(Operator child, Function<Object[], Object> key) {
        this.child = child;
        this.key = key;
    }

    /** The rows seen so far against the statement's memory budget. */
    private final QueryMemory.Lease memory = QueryMemory.forHash();
    /** The client statement's counters: this hash table is one of its Created_tmp_tables (null for internal work). */
    private final StatementScans scans = StatementScans.current();

    @Override public void open() {
        memory.release();
        dropSpill();
        if (scans != null) scans.tmpTable();
        child.open();
        seen = new HashSet<>();
        childDone = false;
        depth = 0;
    }

    @Override public Object[] next() {
        if (seen == null) return null;
        while (true) {
            Object[] r = childDone ? current.read() : child.next();
            if (r == null) {
                if (!nextPartition()) return null;
                continue;
            }
            Cancellation.check();
            Object k = key.apply(r);
            if (seen.contains(k)) continue;
            if (seen.isEmpty() || (overflow == null && memory.tryAdd(r))) {
                if (seen.isEmpty()) memory.add(r); // the first key stays in memory (1041 only past the whole budget)
                seen.add(k);
                return r;
            }
            if (depth >= Partitions.MAX_DEPTH) throw memory.overBudget();
            if (overflow == null) {
                overflow = new Partitions(depth);
                if (depth == 0 && scans != null) scans.tmpTableSpilled();
            }
            try {
                overflow.add(k.hashCode(), r);
            } catch (SpillFile.Unspillable e) {
                throw memory.overBudget();
            }
        }
    }

    /** The current source ended: move to the next partition with a fresh key set; false when none is left. */
    private boolean nextPartition() {
        if (current != null) current.close();
        current = null;
        childDone = true;
        if (overflow != null) {
            for (SpillFile f : overflow.take()) {
                pending.add(f);
                pendingDepth.add(depth + 1);
            }
            overflow.close();
            overflow = null;
        }
        if (pending.isEmpty()) {
            seen = null; // the end: later calls answer null too
            return false;
        }
        current = pending.poll();
        depth = pendingDepth.poll();
        seen = new HashSet<>();
        memory.release();
        return true;
    }

    private void dropSpill() {
        if (current != null) current.close();
        current = null;
        if (overflow != null) overflow.close();
        overflow = null;
        for (SpillFile f : pending) f.close();
        pending.clear();
        pendingDepth.clear();
    }

    @Override public void close() {
        child.close();
        seen = null;
        dropSpill();
        memory.release();
    }

    @Override public String explainLabel() { return "Temporary table with deduplication"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
