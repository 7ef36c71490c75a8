package dev.basalt.sql.ast;

import java.util.List;

/**
 * A SELECT block. Modifiers other than DISTINCT / DISTINCTROW, SQL_CALC_FOUND_ROWS and STRAIGHT_JOIN
 * (HIGH_PRIORITY, SQL_SMALL_RESULT, SQL_BIG_RESULT, SQL_BUFFER_RESULT, SQL_NO_CACHE, SQL_CACHE, ALL) are
 * accepted and dropped; so are ASC/DESC on GROUP BY items.
 * @param from null without FROM or with FROM DUAL
 * @param where null when absent
 * @param having null when absent
 * @param orderBy empty when absent (in a union, the ORDER BY after the last block belongs to the union)
 * @param limit null when absent
 * @param locking null when absent
 * @param windows the WINDOW clause's named windows, empty when absent
 */
public record Select(boolean distinct, boolean calcFoundRows, boolean straightJoin, List<SelectItem> items,
        TableRef from, Expression where, List<Expression> groupBy, boolean withRollup, Expression having,
        List<OrderItem> orderBy, Limit limit, Locking locking, List<NamedWindow> windows) implements Query {

    /** A block without a WINDOW clause (the form most callers build). */
    public Select(boolean distinct, boolean calcFoundRows, boolean straightJoin, List<SelectItem> items,
            TableRef from, Expression where, List<Expression> groupBy, boolean withRollup, Expression having,
            List<OrderItem> orderBy, Limit limit, Locking locking) {
        this(distinct, calcFoundRows, straightJoin, items, from, where, groupBy, withRollup, having, orderBy, limit,
                locking, List.of());
    }
}
