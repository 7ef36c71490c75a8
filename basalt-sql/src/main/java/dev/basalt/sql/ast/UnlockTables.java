package dev.basalt.sql.ast;

/**
 * UNLOCK TABLES.
 */
public record UnlockTables() implements Statement {
}
