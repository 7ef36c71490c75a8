package dev.basalt.sql.ast;

import java.util.List;

/**
 * A named table or view (or CTE). Index hints (USE / FORCE / IGNORE INDEX) are accepted and dropped.
 * @param alias null when absent
 * @param partitions the partitions of {@code t PARTITION (p0, p1)}, or null when none are named
 */
public record BaseTable(QualifiedName name, String alias, List<String> partitions) implements TableRef {
    public BaseTable(QualifiedName name, String alias) {
        this(name, alias, null);
    }
}
