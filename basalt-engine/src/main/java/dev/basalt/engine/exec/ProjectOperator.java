package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

/** Computes output columns from each input row. Produces a fresh array per row. */
public final class ProjectOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Expr[] exprs;
    private final EvalContext ctx;

    public ProjectOperator(Operator child, Expr[] exprs, EvalContext ctx) {
        this.child = child;
        this.exprs = exprs;
        this.ctx = ctx;
    }

    @Override public void open() { child.open(); }

    @Override public Object[] next() {
        Object[] in = child.next();
        if (in == null) return null;
        Object[] out = new Object[exprs.length];
        for (int i = 0; i < exprs.length; i++) out[i] = exprs[i].eval(ctx, in);
        return out;
    }

    /**
     * Skipped rows are not projected: MySQL and MariaDB evaluate the select list only for the rows
     * they send (no warning, no {@code @x := ...} assignment from an OFFSET's rows), so the input
     * may pass over them without building them either.
     */
    @Override public long skip(long n) { return child.skip(n); }

    @Override public void close() { child.close(); }

    @Override public String explainLabel() { return null /* MySQL shows no projection step */; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
