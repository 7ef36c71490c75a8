package dev.basalt.sql.ast;

import java.util.List;

/**
 * A join of two table references.
 * @param natural NATURAL [LEFT|RIGHT] JOIN
 * @param on the ON condition, or null
 * @param using the USING column list, empty when absent
 */
public record Join(JoinKind kind, boolean natural, TableRef left, TableRef right, Expression on, List<String> using) implements TableRef {
}
