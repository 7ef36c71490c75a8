package dev.basalt.sql.ast;

/**
 * The DEFAULT keyword in VALUES / SET lists, or the function {@code DEFAULT(col)}.
 * @param column the column for the function form, null for the bare keyword
 */
public record DefaultExpr(ColumnRef column) implements Expression {
}
