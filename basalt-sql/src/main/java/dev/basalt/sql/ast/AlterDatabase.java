package dev.basalt.sql.ast;

/**
 * ALTER DATABASE | SCHEMA [name] options.
 * @param name null for the current database
 */
public record AlterDatabase(String name, String charset, String collation) implements Statement {
}
