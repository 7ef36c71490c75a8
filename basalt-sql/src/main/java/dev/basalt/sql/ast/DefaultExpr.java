package dev.basalt.sql.ast;

/**
 * The DEFAULT keyword in VALUES / SET lists, or the function {@code DEFAULT(col)}.
 * @param column the column for the function form, null for the bare keyword
 */
public record DefaultExpr(ColumnRef column) implements Expression {

    /** Whether {@code e} is the bare keyword DEFAULT (the target column's own default), not the function. */
    public static boolean isKeyword(Expression e) {
        return e instanceof DefaultExpr d && d.column() == null;
    }
}
