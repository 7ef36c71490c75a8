package dev.basalt.engine.plan;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;

/**
 * Reads one window function's result from the window operator's output row. The slot is the
 * input width plus the function's number, and the input width of a grouped block is only known
 * once the whole block is bound (binding may add aggregates), hence the shared, later-set base.
 */
final class WindowResultRef implements Expr {
    private final int[] base;
    private final int number;
    private final SqlType type;
    private final boolean nullable;

    WindowResultRef(int[] base, int number, SqlType type, boolean nullable) {
        this.base = base;
        this.number = number;
        this.type = type;
        this.nullable = nullable;
    }

    @Override public SqlType type() { return type; }

    @Override public boolean nullable() { return nullable; }

    @Override public Object eval(EvalContext ctx, Object[] row) { return row[base[0] + number]; }

    @Override public boolean isConstant() { return false; }

    @Override public boolean isDeterministic() { return false; }
}
