package dev.basalt.sql.ast;

/**
 * DROP [COLUMN] c.
 */
public record DropColumn(String name) implements AlterAction {
}
