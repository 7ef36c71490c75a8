package dev.basalt.engine.plan;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;

/** Copies one slot of the input row; used to permute columns (type is irrelevant there). */
record PositionRef(int index) implements Expr {
    @Override public SqlType type() { return SqlType.NULL; }

    @Override public boolean nullable() { return true; }

    @Override public Object eval(EvalContext ctx, Object[] row) { return row[index]; }

    @Override public boolean isConstant() { return false; }
}
