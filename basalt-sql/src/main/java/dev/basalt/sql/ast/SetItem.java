package dev.basalt.sql.ast;

/**
 * One comma-separated item of a SET statement.
 */
public sealed interface SetItem
        permits VariableAssignment, SetNames, SetCharacterSet {
}
