package dev.basalt.sql.ast;

/**
 * One entry of a SELECT list.
 */
public sealed interface SelectItem
        permits SelectExpr, AllColumns {
}
