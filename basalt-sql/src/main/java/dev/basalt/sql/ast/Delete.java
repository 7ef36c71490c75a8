package dev.basalt.sql.ast;

import java.util.List;

/**
 * DELETE. Single-table: targets is empty and from is a {@link BaseTable}. Multi-table
 * ({@code DELETE t1, t2 FROM join} or {@code DELETE FROM t1, t2 USING join}): targets names the tables
 * (or aliases) to delete from, from is the join tree.
 * @param where null when absent
 * @param limit the row count, or null
 */
public record Delete(boolean lowPriority, boolean quick, boolean ignore, List<QualifiedName> targets, TableRef from,
        Expression where, List<OrderItem> orderBy, Expression limit) implements Statement {
}
