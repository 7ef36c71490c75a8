package dev.basalt.engine.exec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EXPLAIN FORMAT=TREE and EXPLAIN ANALYZE over a built operator tree: one line per step MySQL 8
 * shows ({@link Operator#explainLabel()}), children indented by four spaces under "-> ". For
 * ANALYZE, {@link #instrument} wraps every step in a {@link Measured} before the query runs, and
 * {@link #render} appends MySQL's "(actual time=first..all rows=N loops=L)": milliseconds to the
 * first row and to the last, averaged per loop (each open() is a loop, as a nested loop's inner
 * side restarts per outer row), and rows per loop. Cost estimates are not shown: Basalt's planner
 * has no cost model.
 */
public final class ExplainTree {
    private ExplainTree() {}

    /** The plan's text, without measurements. */
    public static String render(Operator root) { return render(root, false); }

    /** The plan's text; with {@code analyze}, the measurements of an instrumented, executed tree. */
    public static String render(Operator root, boolean analyze) {
        StringBuilder sb = new StringBuilder();
        line(sb, root, 0, analyze);
        return sb.toString();
    }

    /** Wraps every step (inputs first) to measure it; returns the new root to open and drain. */
    public static Operator instrument(Operator op) {
        op.wrapInputs(ExplainTree::instrument);
        return new Measured(op);
    }

    private static void line(StringBuilder sb, Operator op, int depth, boolean analyze) {
        Measured m = op instanceof Measured w ? w : null;
        Operator inner = m != null ? m.inner : op;
        String alias = singleTable(inner);
        String label = alias == null ? inner.explainLabel()
                : ScopedValue.where(ExplainText.QUALIFIER, alias).call(inner::explainLabel);
        int childDepth = depth;
        if (label != null) {
            sb.append("    ".repeat(depth)).append("-> ").append(label);
            if (analyze && m != null) sb.append("  ").append(m.actual());
            sb.append('\n');
            childDepth = depth + 1;
        }
        for (Operator child : inner.inputs()) line(sb, child, childDepth, analyze);
    }

    /** The alias of the only table under this step, or null (then columns print unqualified). */
    static String singleTable(Operator op) {
        List<TableScanOperator> scans = new ArrayList<>();
        collectScans(op, scans, new IdentityHashMap<>());
        if (scans.isEmpty() || scans.contains(null)) return null;
        String alias = scans.getFirst().alias();
        for (TableScanOperator s : scans) if (!s.alias().equals(alias)) return null;
        return alias;
    }

    private static void collectScans(Operator op, List<TableScanOperator> out, Map<Operator, Boolean> seen) {
        if (seen.put(op, Boolean.TRUE) != null) return;
        Operator inner = op instanceof Measured m ? m.inner : op;
        if (inner instanceof TableScanOperator t) out.add(t);
        if (inner instanceof HashAggregateOperator || inner instanceof StreamAggregateOperator
                || inner instanceof RollupOperator || inner instanceof dev.basalt.engine.exec.window.WindowOperator) {
            // columns above a grouping are its outputs, not the table's: leave them unqualified
            out.add(null);
            return;
        }
        for (Operator c : inner.inputs()) collectScans(c, out, seen);
    }

    /** Counts loops and rows and times the calls into one step (its inputs' time included, as MySQL). */
    static final class Measured implements Operator {
        final Operator inner;
        private long loops;
        private long rows;
        private long firstRowNanos;
        private long allRowsNanos;
        private boolean awaitingFirst;
        private boolean finished;

        Measured(Operator inner) { this.inner = inner; }

        @Override public void open() {
            long t0 = System.nanoTime();
            loops++;
            awaitingFirst = true;
            finished = false;
            try {
                inner.open();
            } finally {
                long d = System.nanoTime() - t0;
                firstRowNanos += d;
                allRowsNanos += d;
            }
        }

        @Override public Object[] next() {
            long t0 = System.nanoTime();
            Object[] r = inner.next();
            long d = System.nanoTime() - t0;
            if (!finished) allRowsNanos += d;
            if (awaitingFirst) firstRowNanos += d;
            if (r != null) {
                rows++;
                awaitingFirst = false;
            } else {
                awaitingFirst = false;
                finished = true;
            }
            return r;
        }

        /** Skipped rows count as rows the step produced (as MySQL's counts, which build them). */
        @Override public long skip(long n) {
            long t0 = System.nanoTime();
            long k = inner.skip(n);
            long d = System.nanoTime() - t0;
            if (!finished) allRowsNanos += d;
            if (awaitingFirst) firstRowNanos += d;
            rows += k;
            if (k < n) {
                awaitingFirst = false;
                finished = true;
            }
            return k;
        }

        @Override public void close() { inner.close(); }

        @Override public String explainLabel() { return inner.explainLabel(); }

        @Override public List<Operator> inputs() { return inner.inputs(); }

        /** MySQL's "(actual time=0.021..0.025 rows=2 loops=1)", or "(never executed)". */
        String actual() {
            if (loops == 0) return "(never executed)";
            double first = firstRowNanos / 1e6 / loops;
            double all = allRowsNanos / 1e6 / loops;
            String perLoop = rows % loops == 0 ? Long.toString(rows / loops)
                    : String.format(Locale.ROOT, "%.2f", (double) rows / loops);
            return String.format(Locale.ROOT, "(actual time=%.3f..%.3f rows=%s loops=%d)", first, all, perLoop, loops);
        }
    }
}
