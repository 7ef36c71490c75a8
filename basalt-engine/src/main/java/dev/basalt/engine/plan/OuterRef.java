package dev.basalt.engine.plan;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;

/**
 * A correlated reference: a column of an enclosing query block, read from the row that block is
 * currently evaluating the subquery for. Constant for one execution of the subquery, so it may
 * bound index ranges, but never constant-folded.
 *
 * @param source the column as EXPLAIN's ref names it ({@code db.alias.col}), null when unknown or
 *               not a table's column
 */
public record OuterRef(Scope.RowHolder holder, int index, SqlType type, boolean nullable, String name, String source)
        implements Expr {

    public OuterRef(Scope.RowHolder holder, int index, SqlType type, boolean nullable, String name) {
        this(holder, index, type, nullable, name, null);
    }

    /** {@code db.alias.col} for a table's column (MySQL's EXPLAIN ref), null for an expression's. */
    static String source(PlanColumn c) {
        if (c.table() == null || c.table().isEmpty()) return null;
        String db = c.schema() == null || c.schema().isEmpty() ? "" : c.schema() + ".";
        return db + c.table() + "." + c.name();
    }

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
