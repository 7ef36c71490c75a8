package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

/** Passes rows for which the predicate is TRUE (not FALSE, not NULL). */
public final class FilterOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Expr predicate;
    private final EvalContext ctx;

    public FilterOperator(Operator child, Expr predicate, EvalContext ctx) {
        this.child = child;
        this.predicate = predicate;
        this.ctx = ctx;
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

    @Override public String explainLabel() { return "Filter: " + ExplainText.condition(predicate); }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
