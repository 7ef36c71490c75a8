package dev.basalt.sql.ast;

/**
 * The NULL literal.
 */
public record NullLiteral() implements Expression {
    public static final NullLiteral INSTANCE = new NullLiteral();
}
