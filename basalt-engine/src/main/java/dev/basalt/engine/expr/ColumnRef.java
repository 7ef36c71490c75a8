package dev.basalt.engine.expr;

import dev.basalt.engine.types.SqlType;

/** A column of the input row, by position. */
public record ColumnRef(int index, SqlType type, boolean nullable, String name) implements Expr {

    @Override
    public Object eval(EvalContext ctx, Object[] row) { return row[index]; }

    @Override
    public boolean isConstant() { return false; }

    /** The same column at another position (after projection / join layout changes). */
    public ColumnRef withIndex(int newIndex) { return new ColumnRef(newIndex, type, nullable, name); }

    @Override
    public String toString() { return "`" + name + "`"; }
}
