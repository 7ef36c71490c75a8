package dev.basalt.sql.ast;

/**
 * DROP INDEX name ON t (name may be PRIMARY).
 */
public record DropIndex(String name, QualifiedName table) implements Statement {
}
