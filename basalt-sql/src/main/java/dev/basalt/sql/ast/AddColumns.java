package dev.basalt.sql.ast;

import java.util.List;

/**
 * ADD [COLUMN] def [FIRST | AFTER c] or ADD [COLUMN] (def, ...).
 * @param position null when not written
 */
public record AddColumns(List<ColumnDefinition> columns, ColumnPosition position) implements AlterAction {
}
