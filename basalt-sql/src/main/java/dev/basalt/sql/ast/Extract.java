package dev.basalt.sql.ast;

/**
 * {@code EXTRACT(unit FROM source)}.
 */
public record Extract(IntervalUnit unit, Expression source) implements Expression {
}
