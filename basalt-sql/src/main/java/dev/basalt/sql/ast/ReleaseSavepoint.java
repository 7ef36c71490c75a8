package dev.basalt.sql.ast;

/**
 * RELEASE SAVEPOINT name.
 */
public record ReleaseSavepoint(String name) implements Statement {
}
