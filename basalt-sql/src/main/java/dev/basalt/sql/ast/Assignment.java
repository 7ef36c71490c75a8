package dev.basalt.sql.ast;

/**
 * {@code col = value} in UPDATE, INSERT ... SET and ON DUPLICATE KEY UPDATE; value may be a {@link DefaultExpr}.
 */
public record Assignment(ColumnRef column, Expression value) {
}
