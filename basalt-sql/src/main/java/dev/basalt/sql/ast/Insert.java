package dev.basalt.sql.ast;

import java.util.List;

/**
 * INSERT or REPLACE.
 * @param replace true for REPLACE
 * @param priority LOW_PRIORITY / DELAYED / HIGH_PRIORITY, or null
 * @param columns the column list, empty when absent
 * @param rowAlias {@code VALUES (...) AS new [(cols)]} alias (8.0.19+), or null
 * @param onDuplicateKeyUpdate empty when absent
 */
public record Insert(boolean replace, Priority priority, boolean ignore, QualifiedName table, List<String> columns,
        InsertSource source, String rowAlias, List<String> rowColumnAliases, List<Assignment> onDuplicateKeyUpdate) implements Statement {
    public enum Priority { LOW_PRIORITY, DELAYED, HIGH_PRIORITY }
}
