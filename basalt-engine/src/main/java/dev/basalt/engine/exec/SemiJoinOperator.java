package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

import java.util.List;

/**
 * A semi-join or anti-join over the rows of a query block: passes the rows for which the
 * predicate (a hashed or index-probed subquery, built by the planner) is TRUE. It filters exactly
 * as a {@link FilterOperator} (which does the work); it exists so EXPLAIN FORMAT=TREE shows
 * MySQL's join step ("Hash semijoin (u.a = t.a)" over the block's rows and the hashed subquery,
 * or "Nested loop antijoin" over the block's rows and the per-row lookup).
 */
public final class SemiJoinOperator implements Operator {
    private final FilterOperator filter;
    private final String label;
    /** The subquery's plan as EXPLAIN shows it; the predicate runs it, this step never does. */
    private final Operator shownInner;

    public SemiJoinOperator(Operator child, Expr predicate, EvalContext ctx, String label, Operator shownInner, boolean hashed) {
        this.filter = new FilterOperator(child, predicate, ctx);
        this.label = label;
        this.shownInner = hashed ? ExplainText.hash(shownInner) : shownInner;
    }

    @Override public void open() { filter.open(); }

    @Override public Object[] next() { return filter.next(); }

    @Override public void close() { filter.close(); }

    @Override public String explainLabel() { return label; }

    @Override public List<Operator> inputs() { return List.of(filter.inputs().getFirst(), shownInner); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { filter.wrapInputs(wrap); }
}
