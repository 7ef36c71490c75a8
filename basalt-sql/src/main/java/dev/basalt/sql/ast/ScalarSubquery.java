package dev.basalt.sql.ast;

/**
 * A parenthesized subquery used as a value (scalar or row).
 */
public record ScalarSubquery(Query query) implements Expression {
}
