package dev.basalt.sql.ast;

/**
 * {@code x [NOT] LIKE pattern [ESCAPE e]}.
 * @param escape the ESCAPE expression, or null (backslash)
 */
public record Like(Expression operand, Expression pattern, Expression escape, boolean negated) implements Expression {
}
