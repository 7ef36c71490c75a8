package dev.basalt.engine.lock;

/**
 * A table a statement opens, as LOCK TABLES matches it: database, table name and the name the
 * statement calls it by (its alias, else the table name); write when the statement changes it.
 */
public record TableUse(String database, String table, String alias, boolean write) {}
