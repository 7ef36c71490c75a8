package dev.basalt.sql.ast;

/**
 * SELECT ... INTO target, written after the select list or at the end of the statement.
 * {@code query} is the query without the INTO clause.
 */
public record SelectInto(Query query, IntoTarget target) implements Statement {
}
