package dev.basalt.sql.ast;

/**
 * A numeric literal, kept as its source text (without sign; unary minus is a {@link UnaryOp}).
 * @param text the digits as written, e.g. {@code 1.50} or {@code 1E-3}
 */
public record NumberLiteral(String text, NumberKind kind) implements Expression {
}
