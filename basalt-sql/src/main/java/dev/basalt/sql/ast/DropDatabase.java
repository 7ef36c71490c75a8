package dev.basalt.sql.ast;

/**
 * DROP DATABASE | SCHEMA.
 */
public record DropDatabase(String name, boolean ifExists) implements Statement {
}
