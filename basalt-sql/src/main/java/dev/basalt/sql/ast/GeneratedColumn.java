package dev.basalt.sql.ast;

/**
 * {@code [GENERATED ALWAYS] AS (expr) [VIRTUAL | STORED]}.
 */
public record GeneratedColumn(Expression expression, boolean stored) {
}
