package dev.basalt.sql.ast;

/**
 * {@code x [NOT] BETWEEN low AND high}.
 */
public record Between(Expression operand, Expression low, Expression high, boolean negated) implements Expression {
}
