package dev.basalt.sql.ast;

/**
 * {@code @name := value} inside an expression.
 */
public record AssignUserVariable(String name, Expression value) implements Expression {
}
