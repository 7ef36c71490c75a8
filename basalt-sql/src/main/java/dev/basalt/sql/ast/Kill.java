package dev.basalt.sql.ast;

/**
 * KILL [CONNECTION | QUERY] id; queryOnly for QUERY.
 */
public record Kill(boolean queryOnly, Expression connectionId) implements Statement {
}
