package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

/** Passes rows for which the predicate is TRUE (not FALSE, not NULL). */
public final class FilterOperator implements Operator {
    private final Operator child;
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
}
