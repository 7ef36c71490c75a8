package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;

import java.util.List;

/** e IS [NOT] NULL: never NULL itself. */
public record IsNull(Expr operand, boolean negated) implements Expr {

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override public boolean nullable() { return false; }

    @Override
    public Object eval(EvalContext ctx, Object[] row) { return test(ctx, row) ? 1L : 0L; }

    @Override
    public boolean test(EvalContext ctx, Object[] row) { return (operand.eval(ctx, row) == null) != negated; }

    @Override public List<Expr> children() { return List.of(operand); }

    @Override public Expr withChildren(List<Expr> c) { return new IsNull(c.get(0), negated); }

    @Override public String toString() { return "(" + operand + (negated ? " is not null)" : " is null)"); }
}
