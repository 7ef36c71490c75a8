package dev.basalt.sql.ast;

/**
 * A {@code ?} placeholder; index counts placeholders from 0 in statement order.
 */
public record Parameter(int index) implements Expression {
}
