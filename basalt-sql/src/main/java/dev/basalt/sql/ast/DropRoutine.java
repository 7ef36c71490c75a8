package dev.basalt.sql.ast;

/** DROP {PROCEDURE | FUNCTION} [IF EXISTS] [schema.]name. */
public record DropRoutine(RoutineKind kind, QualifiedName name, boolean ifExists) implements Statement {
}
