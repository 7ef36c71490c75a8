package dev.basalt.sql.ast;

import java.util.List;

/**
 * {@code left UNION|EXCEPT|INTERSECT [ALL|DISTINCT] right [ORDER BY ..] [LIMIT ..]}; chains are
 * left-deep, INTERSECT binds tighter than UNION / EXCEPT.
 * @param all true for ALL, false for DISTINCT or nothing
 * @param orderBy ORDER BY of the whole operation, empty when absent
 * @param limit LIMIT of the whole operation, or null
 */
public record SetOperation(SetOperator operator, boolean all, Query left, Query right, List<OrderItem> orderBy, Limit limit) implements Query {
}
