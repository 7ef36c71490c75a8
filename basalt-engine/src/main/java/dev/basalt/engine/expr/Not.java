package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;

import java.util.List;

/** Logical NOT: NULL stays NULL. */
public record Not(Expr operand) implements Expr {

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override public boolean nullable() { return operand.nullable(); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object v = operand.eval(ctx, row);
        return v == null ? null : Coercion.isTrue(v) ? 0L : 1L;
    }

    @Override public List<Expr> children() { return List.of(operand); }

    @Override public Expr withChildren(List<Expr> c) { return new Not(c.get(0)); }

    @Override public String toString() { return "(not " + operand + ")"; }
}
