package dev.basalt.sql.ast;

/** DROP TRIGGER [IF EXISTS] [schema.]name. */
public record DropTrigger(QualifiedName name, boolean ifExists) implements Statement {
}
