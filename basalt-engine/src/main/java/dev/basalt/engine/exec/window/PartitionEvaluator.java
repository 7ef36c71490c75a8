package dev.basalt.engine.exec.window;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.Accumulator;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Values;

import java.util.Comparator;
import java.util.function.IntPredicate;

/**
 * Computes a {@link WindowGroup}'s functions over one sorted partition. Ranking functions look at
 * peer groups (rows with equal ORDER BY keys); LAG/LEAD at row positions; FIRST_VALUE, LAST_VALUE,
 * NTH_VALUE and aggregates at the frame. Aggregates whose frame starts at UNBOUNDED PRECEDING are
 * running (one accumulator fed as the frame end advances, O(n)), those whose frame ends at
 * UNBOUNDED FOLLOWING run the same way backwards; other (sliding) frames are recomputed per row
 * (O(n * frame size)), since accumulators cannot remove rows.
 */
final class PartitionEvaluator {
    private final WindowGroup group;
    private final EvalContext ctx;
    private final Comparator<Object[]> orderCmp;
    private Object[][] rows;
    private Object[][] keys;
    private int[] peerStart;
    private int[] peerEnd;

    PartitionEvaluator(WindowGroup group, EvalContext ctx, Comparator<Object[]> orderCmp) {
        this.group = group;
        this.ctx = ctx;
        this.orderCmp = orderCmp;
    }

    void evaluate(Object[][] partitionRows, Object[][] orderKeys) {
        rows = partitionRows;
        keys = orderKeys;
        int m = rows.length;
        peerStart = new int[m];
        peerEnd = new int[m];
        for (int i = 0; i < m; i++) {
            peerStart[i] = i > 0 && orderCmp.compare(keys[i - 1], keys[i]) == 0 ? peerStart[i - 1] : i;
        }
        for (int i = m - 1; i >= 0; i--) {
            peerEnd[i] = i < m - 1 && orderCmp.compare(keys[i + 1], keys[i]) == 0 ? peerEnd[i + 1] : i;
        }
        for (int f = 0; f < group.functions().size(); f++) {
            fill(group.functions().get(f), group.slots()[f]);
        }
    }

    private void fill(WindowFunctionSpec fn, int slot) {
        int m = rows.length;
        switch (fn.kind()) {
            case ROW_NUMBER -> {
                for (int i = 0; i < m; i++) rows[i][slot] = (long) (i + 1);
            }
            case RANK -> {
                for (int i = 0; i < m; i++) rows[i][slot] = (long) (peerStart[i] + 1);
            }
            case DENSE_RANK -> {
                long rank = 0;
                for (int i = 0; i < m; i++) {
                    if (peerStart[i] == i) rank++;
                    rows[i][slot] = rank;
                }
            }
            case PERCENT_RANK -> {
                for (int i = 0; i < m; i++) rows[i][slot] = m == 1 ? 0.0 : (double) peerStart[i] / (m - 1);
            }
            case CUME_DIST -> {
                for (int i = 0; i < m; i++) rows[i][slot] = (double) (peerEnd[i] + 1) / m;
            }
            case NTILE -> {
                long buckets = fn.n();
                long size = m / buckets;
                long bigger = m % buckets; // the first `bigger` buckets hold size + 1 rows
                for (int i = 0; i < m; i++) {
                    long bucket = i < bigger * (size + 1) ? i / (size + 1) : bigger + (i - bigger * (size + 1)) / size;
                    rows[i][slot] = bucket + 1;
                }
            }
            case LAG, LEAD -> {
                long step = fn.kind() == WindowFunctionSpec.Kind.LAG ? -fn.n() : fn.n();
                Object[] values = new Object[m];
                for (int i = 0; i < m; i++) {
                    long j = i + step;
                    if (j >= 0 && j < m) {
                        values[i] = fn.args()[0].eval(ctx, rows[(int) j]);
                    } else {
                        values[i] = fn.defaultValue() == null ? null : fn.defaultValue().eval(ctx, rows[i]);
                    }
                }
                for (int i = 0; i < m; i++) rows[i][slot] = values[i];
            }
            case FIRST_VALUE, LAST_VALUE, NTH_VALUE -> {
                Object[] values = new Object[m];
                for (int i = 0; i < m; i++) {
                    int lo = start(fn.frame(), i), hi = end(fn.frame(), i);
                    int at = switch (fn.kind()) {
                        case FIRST_VALUE -> lo;
                        case LAST_VALUE -> hi;
                        default -> (int) Math.min(Integer.MAX_VALUE, lo + fn.n() - 1);
                    };
                    values[i] = lo <= hi && at >= lo && at <= hi ? fn.args()[0].eval(ctx, rows[at]) : null;
                }
                for (int i = 0; i < m; i++) rows[i][slot] = values[i];
            }
            case AGGREGATE -> aggregate(fn, slot);
        }
    }

    private void aggregate(WindowFunctionSpec fn, int slot) {
        int m = rows.length;
        Object[] values = new Object[m];
        if (fn.frame().growing()) {
            Accumulator acc = fn.aggregate().newAccumulator();
            int added = 0;
            for (int i = 0; i < m; i++) {
                int hi = end(fn.frame(), i);
                while (added <= hi && added < m) acc.add(ctx, rows[added++]);
                values[i] = acc.result();
            }
        } else if (fn.frame().shrinking()) {
            // walking backwards the frame start only moves toward the partition start
            Accumulator acc = fn.aggregate().newAccumulator();
            int next = m; // rows [next, m) have been added
            for (int i = m - 1; i >= 0; i--) {
                int lo = start(fn.frame(), i);
                while (next > lo) acc.add(ctx, rows[--next]);
                values[i] = acc.result();
            }
        } else {
            for (int i = 0; i < m; i++) {
                dev.basalt.engine.exec.Cancellation.check(); // quadratic in the partition size
                Accumulator acc = fn.aggregate().newAccumulator();
                int lo = start(fn.frame(), i), hi = end(fn.frame(), i);
                for (int j = Math.max(lo, 0); j <= hi && j < m; j++) acc.add(ctx, rows[j]);
                values[i] = acc.result();
            }
        }
        // written after all rows are read: an aggregate's argument may read an earlier slot
        for (int i = 0; i < m; i++) rows[i][slot] = values[i];
    }

    /** First row of the current row's frame (may be past the end: empty frame). */
    private int start(FrameSpec frame, int i) {
        return Math.max(0, bound(frame, frame.start(), i, true));
    }

    /** Last row of the current row's frame (may be before the start: empty frame). */
    private int end(FrameSpec frame, int i) {
        return Math.min(rows.length - 1, bound(frame, frame.end(), i, false));
    }

    private int bound(FrameSpec frame, FrameBoundSpec b, int i, boolean isStart) {
        int m = rows.length;
        return switch (b.kind()) {
            case UNBOUNDED_PRECEDING -> 0;
            case UNBOUNDED_FOLLOWING -> m - 1;
            case CURRENT_ROW -> frame.rows() ? i : isStart ? peerStart[i] : peerEnd[i];
            case PRECEDING, FOLLOWING -> {
                if (frame.rows()) {
                    long j = b.kind() == FrameBoundSpec.Kind.PRECEDING ? (long) i - b.rows() : (long) i + b.rows();
                    yield (int) Math.max(-1, Math.min(m, j));
                }
                yield rangeBound(b, i, isStart);
            }
        };
    }

    /**
     * RANGE n PRECEDING/FOLLOWING: the rows whose key lies between the current key moved by n (the
     * bound's value). A NULL current key has its NULL peers as the frame.
     */
    private int rangeBound(FrameBoundSpec b, int i, boolean isStart) {
        if (keys[i][0] == null) return isStart ? peerStart[i] : peerEnd[i];
        Object v = b.value().eval(ctx, rows[i]);
        if (v == null) return isStart ? peerStart[i] : peerEnd[i];
        Expr keyExpr = group.order()[0];
        SqlType kt = keyExpr.type(), vt = b.value().type();
        boolean desc = group.descending()[0];
        int m = rows.length;
        if (isStart) {
            // first row at or after v in sort order; NULL keys sort before everything ascending, after descending
            return firstTrue(m, j -> {
                Object k = keys[j][0];
                if (k == null) return desc;
                int c = Values.compare(k, kt, v, vt);
                return desc ? c <= 0 : c >= 0;
            });
        }
        // last row at or before v in sort order
        return firstTrue(m, j -> {
            Object k = keys[j][0];
            if (k == null) return desc;
            int c = Values.compare(k, kt, v, vt);
            return desc ? c < 0 : c > 0;
        }) - 1;
    }

    /** Smallest j in [0, m) with p(j), or m; p must be false ... false true ... true. */
    private static int firstTrue(int m, IntPredicate p) {
        int lo = 0, hi = m;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (p.test(mid)) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
