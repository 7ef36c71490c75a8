package dev.basalt.sql.ast;

/**
 * TRUE or FALSE (MySQL: the integers 1 and 0).
 */
public record BooleanLiteral(boolean value) implements Expression {
}
