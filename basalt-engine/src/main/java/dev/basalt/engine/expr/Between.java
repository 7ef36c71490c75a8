package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.Values;

import java.util.List;

/** e [NOT] BETWEEN low AND high, i.e. low <= e AND e <= high with three-valued logic. */
public final class Between implements Expr {
    private final Expr operand, low, high;
    private final boolean negated;
    private final ValueComparator lowCmp, highCmp;

    public Between(Expr operand, Expr low, Expr high, boolean negated) {
        this.operand = operand;
        this.low = low;
        this.high = high;
        this.negated = negated;
        this.lowCmp = Values.comparator(operand.type(), low.type());
        this.highCmp = Values.comparator(operand.type(), high.type());
    }

    public Expr operand() { return operand; }
    public Expr low() { return low; }
    public Expr high() { return high; }
    public boolean negated() { return negated; }

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override public boolean nullable() { return operand.nullable() || low.nullable() || high.nullable(); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object v = operand.eval(ctx, row);
        if (v == null) return null;
        Object lo = low.eval(ctx, row), hi = high.eval(ctx, row);
        // NULL bound: result is NULL unless the other bound already decides it
        Boolean geLow = lo == null ? null : lowCmp.compare(v, lo) >= 0;
        Boolean leHigh = hi == null ? null : highCmp.compare(v, hi) <= 0;
        Boolean in;
        if (Boolean.FALSE.equals(geLow) || Boolean.FALSE.equals(leHigh)) in = false;
        else if (geLow == null || leHigh == null) in = null;
        else in = true;
        if (in == null) return null;
        return in != negated ? 1L : 0L;
    }

    @Override public List<Expr> children() { return List.of(operand, low, high); }

    @Override public Expr withChildren(List<Expr> c) { return new Between(c.get(0), c.get(1), c.get(2), negated); }

    @Override
    public String toString() { return "(" + operand + (negated ? " not" : "") + " between " + low + " and " + high + ")"; }
}
