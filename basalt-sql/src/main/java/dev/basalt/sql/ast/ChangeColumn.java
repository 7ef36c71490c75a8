package dev.basalt.sql.ast;

/**
 * CHANGE [COLUMN] old def or MODIFY [COLUMN] def (then oldName equals the definition's name).
 * @param position null when not written
 */
public record ChangeColumn(String oldName, ColumnDefinition definition, ColumnPosition position) implements AlterAction {
}
