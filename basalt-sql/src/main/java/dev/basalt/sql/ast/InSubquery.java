package dev.basalt.sql.ast;

/**
 * {@code x [NOT] IN (subquery)}.
 */
public record InSubquery(Expression operand, Query query, boolean negated) implements Expression {
}
