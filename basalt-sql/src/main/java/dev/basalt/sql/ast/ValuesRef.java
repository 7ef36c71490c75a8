package dev.basalt.sql.ast;

/**
 * {@code VALUES(col)} in ON DUPLICATE KEY UPDATE: the value that row would have inserted.
 */
public record ValuesRef(ColumnRef column) implements Expression {
}
