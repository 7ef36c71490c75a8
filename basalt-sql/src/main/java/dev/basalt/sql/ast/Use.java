package dev.basalt.sql.ast;

/**
 * USE db.
 */
public record Use(String database) implements Statement {
}
