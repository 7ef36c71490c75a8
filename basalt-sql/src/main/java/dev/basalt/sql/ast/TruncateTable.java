package dev.basalt.sql.ast;

/**
 * TRUNCATE [TABLE] t.
 */
public record TruncateTable(QualifiedName name) implements Statement {
}
