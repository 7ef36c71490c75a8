package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;

import java.util.List;

/** Logical XOR: NULL if either side is NULL. */
public record Xor(Expr left, Expr right) implements Expr {

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override public boolean nullable() { return left.nullable() || right.nullable(); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object a = left.eval(ctx, row);
        if (a == null) return null;
        Object b = right.eval(ctx, row);
        if (b == null) return null;
        return Coercion.isTrue(a) != Coercion.isTrue(b) ? 1L : 0L;
    }

    @Override public List<Expr> children() { return List.of(left, right); }

    @Override public Expr withChildren(List<Expr> c) { return new Xor(c.get(0), c.get(1)); }

    @Override public String toString() { return "(" + left + " xor " + right + ")"; }
}
