package dev.basalt.sql.ast;

/**
 * DESCRIBE | DESC | EXPLAIN table [column | 'wild'] (SHOW COLUMNS in disguise).
 * @param column a column name or LIKE pattern, or null
 */
public record Describe(QualifiedName table, String column) implements Statement {
}
