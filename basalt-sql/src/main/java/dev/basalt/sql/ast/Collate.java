package dev.basalt.sql.ast;

/**
 * {@code x COLLATE collation}.
 */
public record Collate(Expression operand, String collation) implements Expression {
}
