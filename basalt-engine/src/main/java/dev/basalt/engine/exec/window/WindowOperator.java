package dev.basalt.engine.exec.window;

import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Evaluates window functions: buffers its input, and for each {@link WindowGroup} sorts the rows by
 * PARTITION BY then ORDER BY (a stable O(n log n) sort, so rows that tie keep their previous order)
 * and lets a {@link PartitionEvaluator} fill the group's slots partition by partition. Output rows
 * are the input rows widened by one slot per window function, in the last group's sort order (as
 * MySQL returns them when the query has no ORDER BY of its own). An input beyond the statement's
 * memory budget is sorted and evaluated on disk ({@link WindowSpill}).
 */
public final class WindowOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final int inputWidth;
    private final int outputWidth;
    private final List<WindowGroup> groups;
    private final EvalContext ctx;
    private Object[][] out;
    private Integer[] order;
    private int pos;

    public WindowOperator(Operator child, int inputWidth, int outputWidth, List<WindowGroup> groups, EvalContext ctx) {
        this.child = child;
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
        this.groups = groups;
        this.ctx = ctx;
    }

    /** The buffered rows against the statement's memory budget. */
    private final dev.basalt.engine.exec.QueryMemory.Lease memory = dev.basalt.engine.exec.QueryMemory.forHash();

    /** The input beyond the budget, sorted and evaluated on disk (null while it fits in memory). */
    private WindowSpill spill;

    /** The client statement's counters (Sort_rows, Sort_scan_count, on-disk sorts' Sort_merge_passes), or null for internal work. */
    private final dev.basalt.engine.exec.StatementScans scans = dev.basalt.engine.exec.StatementScans.current();

    @Override public void open() {
        memory.release();
        closeSpill();
        List<Object[]> rows = new ArrayList<>();
        child.open();
        try {
            Object[] row;
            while ((row = child.next()) != null) {
                dev.basalt.engine.exec.Cancellation.check();
                Object[] wide = new Object[outputWidth];
                System.arraycopy(row, 0, wide, 0, Math.min(inputWidth, row.length));
                if (spill == null && (rows.isEmpty() || memory.tryAdd(wide))) {
                    rows.add(wide);
                    continue;
                }
                if (spill == null) {
                    spill = new WindowSpill(ctx, memory, rows, scans);
                    rows = List.of();
                }
                spill.add(wide);
            }
            if (spill != null) spill.evaluate(groups);
        } catch (dev.basalt.engine.exec.spill.SpillFile.Unspillable e) {
            closeSpill();
            throw memory.overBudget();
        } catch (RuntimeException e) {
            closeSpill();
            throw e;
        } finally {
            child.close();
        }
        if (spill != null) return;
        out = rows.toArray(new Object[0][]);
        order = new Integer[out.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (WindowGroup g : groups) evaluate(g);
        pos = 0;
    }

    private void evaluate(WindowGroup g) {
        int n = out.length;
        countPass(g, n, false, scans);
        Object[][] pkeys = keys(g.partition(), n);
        Object[][] okeys = keys(g.order(), n);
        Comparator<Object[]> pcmp = comparator(g.partition(), null);
        Comparator<Object[]> ocmp = comparator(g.order(), g.descending());
        // sorting the current order keeps it for ties: a later window without ORDER BY sees the earlier order
        Arrays.sort(order, (a, b) -> {
            int c = pcmp.compare(pkeys[a], pkeys[b]);
            return c != 0 ? c : ocmp.compare(okeys[a], okeys[b]);
        });
        PartitionEvaluator pe = new PartitionEvaluator(g, ctx, ocmp);
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && pcmp.compare(pkeys[order[start]], pkeys[order[end]]) == 0) end++;
            Object[][] prow = new Object[end - start][];
            Object[][] pok = new Object[end - start][];
            dev.basalt.engine.exec.Cancellation.check();
            for (int i = start; i < end; i++) {
                prow[i - start] = out[order[i]];
                pok[i - start] = okeys[order[i]];
            }
            pe.evaluate(prow, pok);
            start = end;
        }
    }

    private Object[][] keys(Expr[] exprs, int n) {
        Object[][] keys = new Object[n][];
        for (int r = 0; r < n; r++) {
            Object[] k = new Object[exprs.length];
            for (int i = 0; i < exprs.length; i++) k[i] = exprs[i].eval(ctx, out[r]);
            keys[r] = k;
        }
        return keys;
    }

    /**
     * A window group's pass: a temporary table (on disk when spilled), as MySQL counts each window's;
     * with PARTITION BY or ORDER BY it sorts its rows: Sort_rows and Sort_scan_count.
     */
    static void countPass(WindowGroup g, long rows, boolean onDisk, dev.basalt.engine.exec.StatementScans scans) {
        if (scans != null) scans.windowPass(rows, g.partition().length + g.order().length > 0, onDisk);
    }

    /** Compares key tuples in SQL order (NULL first ascending), DESC keys reversed. */
    static Comparator<Object[]> comparator(Expr[] exprs, boolean[] descending) {
        Comparator<Object[]> cmp = (a, b) -> 0;
        for (int i = 0; i < exprs.length; i++) {
            int idx = i;
            Comparator<Object> c = Values.orderComparator(exprs[i].type());
            Comparator<Object[]> k = (a, b) -> c.compare(a[idx], b[idx]);
            if (descending != null && descending[i]) k = k.reversed();
            cmp = cmp.thenComparing(k);
        }
        return cmp;
    }

    private void closeSpill() {
        if (spill != null) spill.close();
        spill = null;
    }

    @Override public Object[] next() {
        if (spill != null) return spill.next();
        if (out == null || pos >= out.length) return null;
        return out[order[pos++]];
    }

    @Override public void close() {
        closeSpill();
        out = null;
        order = null;
        memory.release();
    }

    @Override public String explainLabel() { return "Window aggregate"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
