package dev.basalt.sql.ast;

/**
 * FIRST or AFTER col in ADD / MODIFY / CHANGE COLUMN.
 */
public record ColumnPosition(boolean first, String after) {
}
