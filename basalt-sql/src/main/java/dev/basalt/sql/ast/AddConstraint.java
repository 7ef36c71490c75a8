package dev.basalt.sql.ast;

/**
 * ADD an index / key / PRIMARY KEY / FOREIGN KEY / CHECK (never a column).
 */
public record AddConstraint(TableElement constraint) implements AlterAction {
}
