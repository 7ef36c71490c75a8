package dev.basalt.engine.plan;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;

/**
 * A correlated reference: a column of an enclosing query block, read from the row that block is
 * currently evaluating the subquery for. Constant for one execution of the subquery, so it may
 * bound index ranges, but never constant-folded.
 */
public record OuterRef(Scope.RowHolder holder, int index, SqlType type, boolean nullable, String name) implements Expr {

    @Override
    public Object eval(EvalContext ctx, Object[] row) {
        Object[] outer = holder.row;
        return outer == null ? null : outer[index];
    }

    @Override
    public boolean isDeterministic() { return false; }

    @Override
    public String toString() { return "outer`" + name + "`"; }
}
