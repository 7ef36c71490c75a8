package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

import java.util.function.Consumer;

/**
 * Joins each left row with the right rows an index lookup finds for it: the right operator's key
 * range reads the current left row (published through {@code publish}) and is re-opened per left
 * row. LEFT joins emit a NULL-extended row when nothing matched.
 */
public final class IndexNestedLoopJoinOperator implements Operator {
    private Operator left; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private Operator right; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Consumer<Object[]> publish;
    private final Expr residual;
    private final boolean leftOuter;
    private final int rightWidth;
    private final EvalContext ctx;
    private Object[] leftRow;
    private boolean matched;

    public IndexNestedLoopJoinOperator(Operator left, Operator right, Consumer<Object[]> publish, Expr residual,
                                       boolean leftOuter, int rightWidth, EvalContext ctx) {
        this.left = left;
        this.right = right;
        this.publish = publish;
        this.residual = residual;
        this.leftOuter = leftOuter;
        this.rightWidth = rightWidth;
        this.ctx = ctx;
    }

    @Override public void open() {
        left.open();
        leftRow = null;
    }

    @Override public Object[] next() {
        while (true) {
            Cancellation.check();
            if (leftRow == null) {
                Object[] l = left.next();
                if (l == null) return null;
                leftRow = l.clone();
                matched = false;
                publish.accept(leftRow);
                right.open();
            }
            Object[] r;
            while ((r = right.next()) != null) {
                Object[] joined = Rows.concat(leftRow, r);
                if (residual == null || residual.test(ctx, joined)) {
                    matched = true;
                    return joined;
                }
            }
            right.close();
            Object[] l = leftRow;
            leftRow = null;
            if (leftOuter && !matched) return Rows.concat(l, new Object[rightWidth]);
        }
    }

    @Override public void close() {
        if (leftRow != null) right.close();
        leftRow = null;
        left.close();
    }

    @Override public String explainLabel() { return leftOuter ? "Nested loop left join" : "Nested loop inner join"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(left, right); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) {
        left = wrap.apply(left);
        right = wrap.apply(right);
    }
}
