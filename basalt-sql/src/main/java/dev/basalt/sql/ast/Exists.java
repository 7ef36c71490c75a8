package dev.basalt.sql.ast;

/**
 * {@code EXISTS (subquery)}; NOT EXISTS is a {@link UnaryOp} NOT around it.
 */
public record Exists(Query query) implements Expression {
}
