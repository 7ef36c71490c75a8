package dev.basalt.sql.ast;

/**
 * A transaction isolation level.
 */
public enum IsolationLevel {
    READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE
}
