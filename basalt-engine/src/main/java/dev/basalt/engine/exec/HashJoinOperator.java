package dev.basalt.engine.exec;

import dev.basalt.engine.exec.spill.GraceHashJoin;
import dev.basalt.engine.exec.spill.SpillFile;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Equi-join: builds a hash table on the right input keyed by its join columns, probes it with
 * each left row. Rows whose key has a NULL never match (SQL '=' semantics). A residual condition
 * (the non-equality part of ON/WHERE) is checked on each joined row. Supports LEFT outer.
 * A build side beyond the statement's memory budget goes to disk ({@link GraceHashJoin}).
 */
public final class HashJoinOperator implements Operator {
    private Operator left; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private Operator right; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Function<Object[], Object> leftKey;   // returns null when the key has a NULL
    private final Function<Object[], Object> rightKey;
    private final Expr residual;
    private final boolean leftOuter;
    private final int rightWidth;
    private final EvalContext ctx;
    private Map<Object, List<Object[]>> table;
    /** The client statement's counters: each open is a join that reads its inner side without an index (Select_full_join). */
    private final StatementScans scans = StatementScans.current();
    /** The inner side is a range read of a table: Select_full_range_join rather than Select_full_join. */
    private final boolean rangeInner;
    private Object[] leftRow;
    private List<Object[]> bucket;
    private int pos;
    private boolean matched;

    public HashJoinOperator(Operator left, Operator right, Function<Object[], Object> leftKey,
                            Function<Object[], Object> rightKey, Expr residual, boolean leftOuter,
                            int rightWidth, EvalContext ctx) {
        this.left = left;
        this.right = right;
        this.leftKey = leftKey;
        this.rightKey = rightKey;
        this.residual = residual;
        this.leftOuter = leftOuter;
        this.rightWidth = rightWidth;
        this.ctx = ctx;
        this.rangeInner = FirstTable.of(right) instanceof TableScanOperator t && t.readsRanges();
    }

    /**
     * A join without equality keys (cross join, or only a residual condition): every left row
     * meets every right row, so all right rows share one bucket.
     */
    public static HashJoinOperator nestedLoop(Operator left, Operator right, Expr condition, boolean leftOuter,
                                              int rightWidth, EvalContext ctx) {
        Function<Object[], Object> sameKey = row -> Boolean.TRUE;
        return new HashJoinOperator(left, right, sameKey, sameKey, condition, leftOuter, rightWidth, ctx)
                .describedAs(List.of(), List.of());
    }

    private List<Expr> leftKeyExprs;
    private List<Expr> rightKeyExprs;

    /** The equalities EXPLAIN shows ({@code u.w = t.v}; none: "no condition"); set by the planner. */
    public HashJoinOperator describedAs(List<Expr> leftKeys, List<Expr> rightKeys) {
        this.leftKeyExprs = leftKeys;
        this.rightKeyExprs = rightKeys;
        return this;
    }

    /** The build side's table against the statement's memory budget. */
    private final QueryMemory.Lease memory = QueryMemory.forHash();

    @Override public void open() {
        if (scans != null) {
            if (rangeInner) scans.fullRangeJoin();
            else scans.fullJoin();
        }
        memory.release();
        closeSpill();
        table = new HashMap<>();
        right.open();
        try {
            Object[] r;
            while ((r = right.next()) != null) {
                Cancellation.check();
                Object k = rightKey.apply(r);
                if (k == null) continue;
                Object[] copy = r.clone();
                if (spill == null && (table.isEmpty() || memory.tryAdd(copy))) {
                    if (table.isEmpty()) memory.add(copy); // the first row stays in memory (1041 only past the whole budget)
                    table.computeIfAbsent(k, x -> new ArrayList<>(2)).add(copy);
                    continue;
                }
                if (spill == null) {
                    spill = new GraceHashJoin(spillMatcher(), memory, table);
                    table = Map.of();
                }
                spill.addBuild(k, copy);
            }
        } catch (SpillFile.Unspillable e) {
            closeSpill();
            throw memory.overBudget();
        } finally {
            right.close();
        }
        left.open();
        leftRow = null;
        if (spill != null) {
            try {
                spill.partitionProbe(left);
            } catch (SpillFile.Unspillable e) {
                closeSpill();
                throw memory.overBudget();
            }
        }
    }

    /** The grace hash join's build side beyond the budget (null while it fits in memory). */
    private GraceHashJoin spill;

    private GraceHashJoin.Matcher spillMatcher() {
        return new GraceHashJoin.Matcher() {
            @Override public Object buildKey(Object[] row) { return rightKey.apply(row); }

            @Override public Object probeKey(Object[] row) { return leftKey.apply(row); }

            @Override public Object[] join(Object[] probe, Object[] build) {
                Object[] joined = Rows.concat(probe, build);
                return residual == null || residual.test(ctx, joined) ? joined : null;
            }

            @Override public Object[] unmatched(Object[] probe) {
                return leftOuter ? Rows.concat(probe, new Object[rightWidth]) : null;
            }
        };
    }

    private void closeSpill() {
        if (spill != null) spill.close();
        spill = null;
    }

    @Override public Object[] next() {
        if (spill != null) return spill.next();
        while (true) {
            Cancellation.check();
            if (leftRow == null) {
                Object[] l = left.next();
                if (l == null) return null;
                leftRow = l.clone();
                Object k = leftKey.apply(leftRow);
                bucket = k == null ? null : table.get(k);
                pos = 0;
                matched = false;
            }
            if (bucket != null) {
                while (pos < bucket.size()) {
                    Object[] joined = Rows.concat(leftRow, bucket.get(pos++));
                    if (residual == null || residual.test(ctx, joined)) {
                        matched = true;
                        return joined;
                    }
                }
            }
            Object[] l = leftRow;
            leftRow = null;
            if (leftOuter && !matched) return Rows.concat(l, new Object[rightWidth]);
        }
    }

    @Override public void close() {
        left.close();
        closeSpill();
        table = null;
        memory.release();
    }

    @Override public String explainLabel() { return (leftOuter ? "Left hash join" : "Inner hash join") + (leftKeyExprs == null ? "" : " (" + ExplainText.joinKeys(leftKeyExprs, left, rightKeyExprs, right) + ")") + (residual == null ? "" : ", extra conditions: " + ExplainText.condition(residual)); }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(left, ExplainText.hash(right)); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) {
        left = wrap.apply(left);
        right = wrap.apply(right);
    }
}
