package dev.basalt.sql.ast;

/**
 * {@code INTERVAL value unit}: only meaningful as an operand of + / - or as the second argument of
 * DATE_ADD, DATE_SUB, ADDDATE, SUBDATE (which stay {@link FunctionCall}s).
 */
public record IntervalExpr(Expression value, IntervalUnit unit) implements Expression {
}
