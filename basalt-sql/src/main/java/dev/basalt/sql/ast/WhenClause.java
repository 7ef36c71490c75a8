package dev.basalt.sql.ast;

/**
 * One WHEN ... THEN ... arm of a {@link Case}: condition is the compared value for a simple CASE.
 */
public record WhenClause(Expression condition, Expression result) {
}
