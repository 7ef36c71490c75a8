package dev.basalt.sql.ast;

/**
 * CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX name ON t (parts).
 */
public record CreateIndex(IndexDefinition index, QualifiedName table) implements Statement {
}
