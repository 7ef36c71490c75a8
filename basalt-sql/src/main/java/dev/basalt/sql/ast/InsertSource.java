package dev.basalt.sql.ast;

/**
 * Where the rows of an INSERT / REPLACE come from.
 */
public sealed interface InsertSource
        permits InsertValues, InsertSet, InsertSelect {
}
