package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;

import java.util.List;

/** e IS [NOT] TRUE / FALSE / UNKNOWN: never NULL. */
public record IsTruth(Expr operand, TruthValue value, boolean negated) implements Expr {

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override public boolean nullable() { return false; }

    @Override
    public Object eval(EvalContext ctx, Object[] row) { return test(ctx, row) ? 1L : 0L; }

    @Override
    public boolean test(EvalContext ctx, Object[] row) {
        Object v = operand.eval(ctx, row);
        boolean r = switch (value) {
            case TRUE -> v != null && Coercion.isTrue(v);
            case FALSE -> v != null && !Coercion.isTrue(v);
            case UNKNOWN -> v == null;
        };
        return r != negated;
    }

    @Override public List<Expr> children() { return List.of(operand); }

    @Override public Expr withChildren(List<Expr> c) { return new IsTruth(c.get(0), value, negated); }

    @Override
    public String toString() { return "(" + operand + " is " + (negated ? "not " : "") + value.name().toLowerCase() + ")"; }
}
