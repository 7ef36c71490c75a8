package dev.basalt.engine.exec;

import dev.basalt.engine.exec.spill.ExternalSort;
import dev.basalt.engine.exec.spill.SpillFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * ORDER BY: materializes and sorts the child's rows (stable, so ties keep input order as MySQL's
 * filesort mostly does). With a limit it keeps only the top rows in a bounded heap. Beyond the
 * statement's memory budget the buffer is sorted and written as a run to a temporary file, and the
 * runs are merged from disk ({@link ExternalSort}).
 */
public final class SortOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Comparator<Object[]> order;
    private final long limit;
    private List<Object[]> rows;
    private int pos;
    /** Set instead of {@link #rows} when the sort went to disk. */
    private ExternalSort merge;

    /** @param limit keep at most this many rows (offset + count), or -1 for all */
    public SortOperator(Operator child, Comparator<Object[]> order, long limit) {
        this.child = child;
        this.order = order;
        this.limit = limit;
    }

    /** The client statement's counters (the slow log's Sort_rows), or null for internal work. */
    private final StatementScans scans = StatementScans.current();
    /** Rows the last open() sorted: all of them, or the top-N kept. */
    private long sortedRows;
    /** Merge passes the last open() made on disk (Sort_merge_passes). */
    private long mergePasses;

    /** The buffered rows against the statement's memory budget (a top-N heap is small: not counted). */
    private final QueryMemory.Lease memory = QueryMemory.forSort();

    @Override public void open() {
        memory.release();
        closeMerge();
        child.open();
        sortedRows = 0;
        mergePasses = 0;
        try {
            rows = limit >= 0 && limit < 10_000 ? topN() : sortAll();
        } finally {
            child.close();
        }
        pos = 0;
        // as MySQL's Sort_rows: the rows each sort produced, every time it runs (a re-opened subquery sorts again)
        if (scans != null) {
            scans.sorted(sortedRows);
            scans.sortRan(readsRanges(child), mergePasses);
        }
    }

    private List<Object[]> sortAll() {
        List<Object[]> all = new ArrayList<>();
        ExternalSort.Runs runs = new ExternalSort.Runs(order);
        try {
            Object[] r;
            while ((r = child.next()) != null) {
                Cancellation.check();
                if (all.isEmpty()) {
                    memory.add(r); // a run has at least one row (1038 only past the whole budget)
                } else if (!memory.tryAdd(r)) {
                    all.sort(cancellable(order));
                    runs.add(spill(all));
                    all = new ArrayList<>();
                    memory.release();
                    memory.add(r);
                }
                all.add(r.clone());
                sortedRows++;
            }
            all.sort(cancellable(order));
            if (runs.isEmpty()) return all;
            runs.add(spill(all));
            memory.release();
            merge = new ExternalSort(runs.release(), order);
            mergePasses = runs.mergePasses() + merge.mergePasses();
            return null;
        } catch (RuntimeException e) {
            runs.close();
            throw e;
        }
    }

    /**
     * Whether the sort's input is read by key ranges, as MySQL's filesort tells Sort_range_count
     * (its table is read by a range) from Sort_scan_count: the first input down to the table.
     */
    private static boolean readsRanges(Operator input) {
        Operator o = input;
        while (!(o instanceof TableScanOperator)) {
            java.util.List<Operator> in = o.inputs();
            if (in.isEmpty()) return false;
            o = in.getFirst();
        }
        return ((TableScanOperator) o).readsRanges();
    }

    /** A sorted buffer to a run file; a value the spill codec cannot write fails as over budget. */
    private SpillFile spill(List<Object[]> sorted) {
        try {
            return ExternalSort.writeRun(sorted);
        } catch (SpillFile.Unspillable e) {
            throw memory.overBudget();
        }
    }

    private void closeMerge() {
        if (merge != null) merge.close();
        merge = null;
    }

    /** Bounded max-heap of the best {@code limit} rows; ties broken by arrival to stay stable. */
    private List<Object[]> topN() {
        if (limit == 0) return List.of();
        record Seq(Object[] row, long seq) {}
        Comparator<Seq> cmp = (a, b) -> {
            int c = order.compare(a.row, b.row);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        };
        PriorityQueue<Seq> heap = new PriorityQueue<>(cmp.reversed());
        long seq = 0;
        Object[] r;
        while ((r = child.next()) != null) {
            Seq s = new Seq(r, seq++);
            if (heap.size() < limit) {
                heap.add(new Seq(r.clone(), s.seq));
            } else if (cmp.compare(s, heap.peek()) < 0) {
                heap.poll();
                heap.add(new Seq(r.clone(), s.seq));
            }
        }
        List<Seq> out = new ArrayList<>(heap);
        out.sort(cancellable(cmp));
        List<Object[]> rows = new ArrayList<>(out.size());
        for (Seq s : out) rows.add(s.row);
        sortedRows = rows.size();
        return rows;
    }

    @Override public Object[] next() {
        if (merge != null) return merge.next();
        return rows != null && pos < rows.size() ? rows.get(pos++) : null;
    }

    @Override public void close() {
        rows = null;
        closeMerge();
        memory.release();
    }

    /** A comparison per check: a long in-memory sort stops on KILL / max_execution_time too. */
    private static <T> Comparator<T> cancellable(Comparator<T> c) {
        return (a, b) -> {
            Cancellation.check();
            return c.compare(a, b);
        };
    }

    private java.util.function.Supplier<String> keys;

    /** The ORDER BY text EXPLAIN shows (e.g. {@code t.v DESC}), worded when shown; set by the planner. */
    public SortOperator describedAs(java.util.function.Supplier<String> keys) {
        this.keys = keys;
        return this;
    }

    @Override public String explainLabel() { return "Sort" + (keys == null ? "" : ": " + keys.get()) + (limit > 0 ? ", limit input to " + limit + " row(s) per chunk" : ""); }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
