package dev.basalt.sql.ast;

/**
 * Table options in ALTER TABLE (ENGINE=, AUTO_INCREMENT=, COMMENT=, ...). ALGORITHM=, LOCK= and FORCE are dropped.
 */
public record ChangeTableOptions(TableOptions options) implements AlterAction {
}
