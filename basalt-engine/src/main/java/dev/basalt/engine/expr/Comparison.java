package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.Values;

import java.util.List;

/** left op right, with the comparison rule chosen once from the operand types. */
public final class Comparison implements Expr {
    private final CompareOp op;
    private final Expr left;
    private final Expr right;
    private final ValueComparator comparator;

    public Comparison(CompareOp op, Expr left, Expr right) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.comparator = Values.comparator(left.type(), right.type());
    }

    public CompareOp op() { return op; }
    public Expr left() { return left; }
    public Expr right() { return right; }

    /** How the operands are compared (the planner may only use an index when this matches the column). */
    public Values.CompareAs compareAs() { return Values.compareAs(left.type(), right.type()); }

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override public boolean nullable() { return op != CompareOp.NULL_SAFE_EQ && (left.nullable() || right.nullable()); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object a = left.eval(ctx, row);
        Object b = right.eval(ctx, row);
        if (a == null || b == null) {
            if (op == CompareOp.NULL_SAFE_EQ) return a == b ? 1L : 0L;
            return null;
        }
        return op.holds(comparator.compare(a, b)) ? 1L : 0L;
    }

    @Override
    public boolean test(EvalContext ctx, Object[] row) {
        Object a = left.eval(ctx, row);
        Object b = right.eval(ctx, row);
        if (a == null || b == null) return op == CompareOp.NULL_SAFE_EQ && a == b;
        return op.holds(comparator.compare(a, b));
    }

    @Override public List<Expr> children() { return List.of(left, right); }

    @Override public Expr withChildren(List<Expr> c) { return new Comparison(op, c.get(0), c.get(1)); }

    @Override public String toString() { return "(" + left + " " + op.symbol() + " " + right + ")"; }
}
