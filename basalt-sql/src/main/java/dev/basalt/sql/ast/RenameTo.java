package dev.basalt.sql.ast;

/**
 * RENAME [TO | AS] new_name.
 */
public record RenameTo(QualifiedName newName) implements AlterAction {
}
