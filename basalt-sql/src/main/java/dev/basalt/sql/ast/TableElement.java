package dev.basalt.sql.ast;

/**
 * An element of a CREATE TABLE body: a column, an index / key, a foreign key or a CHECK constraint.
 */
public sealed interface TableElement
        permits ColumnDefinition, IndexDefinition, ForeignKeyDefinition, CheckConstraint {
}
