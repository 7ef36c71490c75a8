package dev.basalt.sql.ast;

import java.util.List;

/**
 * UPDATE. A single-table update has a {@link BaseTable} (with optional alias) as table; a multi-table
 * update has a join tree.
 * @param where null when absent
 * @param limit the row count, or null
 */
public record Update(boolean lowPriority, boolean ignore, TableRef table, List<Assignment> assignments, Expression where,
        List<OrderItem> orderBy, Expression limit) implements Statement {
}
