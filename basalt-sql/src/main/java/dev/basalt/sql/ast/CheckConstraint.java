package dev.basalt.sql.ast;

/**
 * {@code [CONSTRAINT [name]] CHECK (expr) [[NOT] ENFORCED]}.
 * @param name null when unnamed
 * @param text the condition's source text (kept for the catalog and SHOW CREATE TABLE)
 */
public record CheckConstraint(String name, Expression condition, boolean enforced, String text) implements TableElement {
}
