package dev.basalt.sql.ast;

/**
 * PREPARE name FROM 'sql' | @var; source is a {@link StringLiteral} or {@link UserVariable}.
 */
public record Prepare(String name, Expression source) implements Statement {
}
