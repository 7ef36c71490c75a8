package dev.basalt.sql.ast;

/**
 * EXPLAIN [ANALYZE] [FORMAT = x] statement (SELECT, INSERT, REPLACE, UPDATE, DELETE).
 * @param format TRADITIONAL / JSON / TREE as written, or null
 */
public record Explain(Statement statement, String format, boolean analyze) implements Statement {
}
