package dev.basalt.sql.ast;

/**
 * {@code CONVERT(x USING charset)}; also {@code CHAR(n, ... USING charset)} as CONVERT(CHAR(...) USING charset).
 */
public record ConvertUsing(Expression operand, String charset) implements Expression {
}
