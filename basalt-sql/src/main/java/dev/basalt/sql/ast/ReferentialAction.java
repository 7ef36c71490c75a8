package dev.basalt.sql.ast;

/**
 * ON DELETE / ON UPDATE action of a foreign key.
 */
public enum ReferentialAction {
    RESTRICT, CASCADE, SET_NULL, NO_ACTION, SET_DEFAULT
}
