package dev.basalt.sql.ast;

/**
 * A prefix operator application.
 */
public record UnaryOp(UnaryOperator operator, Expression operand) implements Expression {
}
