package dev.basalt.sql.ast;

/** DROP EVENT [IF EXISTS] [schema.]name. */
public record DropEvent(QualifiedName name, boolean ifExists) implements Statement {
}
