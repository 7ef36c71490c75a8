package dev.basalt.sql.ast;

/**
 * {@code TIMESTAMPADD(unit, n, t)} (diff false: first is n, second is t) or
 * {@code TIMESTAMPDIFF(unit, a, b)} (diff true).
 */
public record TimestampFunction(boolean diff, IntervalUnit unit, Expression first, Expression second) implements Expression {
}
