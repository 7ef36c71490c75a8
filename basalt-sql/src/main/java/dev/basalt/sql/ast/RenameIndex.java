package dev.basalt.sql.ast;

/**
 * RENAME INDEX | KEY a TO b.
 */
public record RenameIndex(String oldName, String newName) implements AlterAction {
}
