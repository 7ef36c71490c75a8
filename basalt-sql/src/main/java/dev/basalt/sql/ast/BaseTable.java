package dev.basalt.sql.ast;

/**
 * A named table or view (or CTE). Index hints (USE / FORCE / IGNORE INDEX) are accepted and dropped.
 * @param alias null when absent
 */
public record BaseTable(QualifiedName name, String alias) implements TableRef {
}
