package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

import java.util.List;

/**
 * A semi-join or anti-join over the rows of a query block: passes the rows for which the
 * predicate (a hashed or index-probed subquery, built by the planner) is TRUE. It filters as a
 * {@link FilterOperator} does; it exists so EXPLAIN FORMAT=TREE shows MySQL's join step
 * ("Hash semijoin (u.a = t.a)" over the block's rows and the hashed subquery, or "Nested loop
 * antijoin" over the block's rows and the per-row lookup).
 */
public final class SemiJoinOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Expr predicate;
    private final EvalContext ctx;
    private final String label;
    /** The subquery's plan as EXPLAIN shows it; the predicate runs it, this step never does. */
    private final Operator shownInner;

    public SemiJoinOperator(Operator child, Expr predicate, EvalContext ctx, String label, Operator shownInner, boolean hashed) {
        this.child = child;
        this.predicate = predicate;
        this.ctx = ctx;
        this.label = label;
        this.shownInner = hashed ? ExplainText.hash(shownInner) : shownInner;
    }

    @Override public void open() { child.open(); }

    @Override public Object[] next() {
        Object[] r;
        while ((r = child.next()) != null) {
            if (predicate.test(ctx, r)) return r;
        }
        return null;
    }

    @Override public void close() { child.close(); }

    @Override public String explainLabel() { return label; }

    @Override public List<Operator> inputs() { return List.of(child, shownInner); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
