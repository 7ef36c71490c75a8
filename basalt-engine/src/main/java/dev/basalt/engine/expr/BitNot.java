package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;

import java.util.List;

/** ~e on unsigned 64 bits. */
public record BitNot(Expr operand) implements Expr {

    @Override public SqlType type() { return SqlType.BIGINT_UNSIGNED; }

    @Override public boolean nullable() { return operand.nullable(); }

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object v = operand.eval(ctx, row);
        return v == null ? null : BitOperation.unsigned(~BitOperation.bits(ctx, v));
    }

    @Override public List<Expr> children() { return List.of(operand); }

    @Override public Expr withChildren(List<Expr> c) { return new BitNot(c.get(0)); }

    @Override public String toString() { return "~(" + operand + ")"; }
}
