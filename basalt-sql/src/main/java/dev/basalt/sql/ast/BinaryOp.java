package dev.basalt.sql.ast;

/**
 * An infix operator application. Date arithmetic {@code d + INTERVAL 1 DAY} is ADD with an
 * {@link IntervalExpr} operand (on either side for ADD, right side for SUBTRACT).
 */
public record BinaryOp(BinaryOperator operator, Expression left, Expression right) implements Expression {
}
