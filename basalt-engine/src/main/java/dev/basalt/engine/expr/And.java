package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;

import java.util.List;

/** Three-valued AND: false wins over NULL. */
public record And(Expr left, Expr right) implements Expr {

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override public boolean nullable() { return left.nullable() || right.nullable(); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object a = left.eval(ctx, row);
        if (a != null && !Coercion.isTrue(a)) return 0L;
        Object b = right.eval(ctx, row);
        if (b != null && !Coercion.isTrue(b)) return 0L;
        return a == null || b == null ? null : 1L;
    }

    @Override
    public boolean test(EvalContext ctx, Object[] row) { return left.test(ctx, row) && right.test(ctx, row); }

    @Override public List<Expr> children() { return List.of(left, right); }

    @Override public Expr withChildren(List<Expr> c) { return new And(c.get(0), c.get(1)); }

    @Override public String toString() { return "(" + left + " and " + right + ")"; }
}
