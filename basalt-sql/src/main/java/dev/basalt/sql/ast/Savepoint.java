package dev.basalt.sql.ast;

/**
 * SAVEPOINT name.
 */
public record Savepoint(String name) implements Statement {
}
