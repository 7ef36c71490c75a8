package dev.basalt.sql.ast;

/**
 * RENAME COLUMN a TO b.
 */
public record RenameColumn(String oldName, String newName) implements AlterAction {
}
