package dev.basalt.sql.ast;

/**
 * {@code [CONSTRAINT [name]] CHECK (expr) [[NOT] ENFORCED]}.
 * @param name null when unnamed
 */
public record CheckConstraint(String name, Expression condition, boolean enforced) implements TableElement {
}
