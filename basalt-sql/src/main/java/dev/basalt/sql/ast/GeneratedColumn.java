package dev.basalt.sql.ast;

/**
 * {@code [GENERATED ALWAYS] AS (expr) [VIRTUAL | STORED]}.
 * @param text the expression's source text (kept for the catalog and SHOW CREATE TABLE)
 */
public record GeneratedColumn(Expression expression, boolean stored, String text) {
}
