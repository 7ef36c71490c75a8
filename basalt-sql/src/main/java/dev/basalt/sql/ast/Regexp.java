package dev.basalt.sql.ast;

/**
 * {@code x [NOT] REGEXP|RLIKE pattern}.
 */
public record Regexp(Expression operand, Expression pattern, boolean negated) implements Expression {
}
