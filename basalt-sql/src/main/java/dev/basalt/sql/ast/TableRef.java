package dev.basalt.sql.ast;

/**
 * A table reference in FROM (and the target of UPDATE / multi-table DELETE). Comma joins are
 * folded into {@link Join} nodes of kind CROSS, so FROM is one tree whose shape follows MySQL's
 * precedence (JOIN binds tighter than comma).
 */
public sealed interface TableRef
        permits BaseTable, DerivedTable, Join, JsonTable {
}
