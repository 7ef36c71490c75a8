package dev.basalt.sql.ast;

/**
 * CREATE DATABASE | SCHEMA.
 * @param charset [DEFAULT] CHARACTER SET, or null
 * @param collation [DEFAULT] COLLATE, or null
 */
public record CreateDatabase(String name, boolean ifNotExists, String charset, String collation) implements Statement {
}
