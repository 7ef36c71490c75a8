package dev.basalt.sql.ast;

/**
 * A select-list expression.
 * @param alias the alias (AS optional; a string literal alias is unquoted), or null
 * @param text the exact source text of the expression as written (MySQL names the column by it)
 */
public record SelectExpr(Expression expression, String alias, String text) implements SelectItem {
}
