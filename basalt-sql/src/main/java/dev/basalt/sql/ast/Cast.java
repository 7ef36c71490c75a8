package dev.basalt.sql.ast;

/**
 * {@code CAST(x AS type)}, {@code CONVERT(x, type)}, and the {@code BINARY x} operator (type BINARY).
 */
public record Cast(Expression operand, CastType type) implements Expression {
}
