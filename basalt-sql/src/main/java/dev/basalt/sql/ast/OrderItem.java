package dev.basalt.sql.ast;

/**
 * An ORDER BY item; an integer {@link NumberLiteral} expression is a select-list position.
 */
public record OrderItem(Expression expression, boolean descending) {
}
