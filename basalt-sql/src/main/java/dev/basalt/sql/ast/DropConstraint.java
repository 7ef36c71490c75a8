package dev.basalt.sql.ast;

/**
 * DROP INDEX | KEY x, DROP PRIMARY KEY (name null), DROP FOREIGN KEY x, DROP CHECK x, DROP CONSTRAINT x.
 */
public record DropConstraint(Kind kind, String name) implements AlterAction {
    public enum Kind { INDEX, PRIMARY_KEY, FOREIGN_KEY, CHECK, ANY }
}
