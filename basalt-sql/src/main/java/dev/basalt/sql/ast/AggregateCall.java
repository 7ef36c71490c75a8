package dev.basalt.sql.ast;

import java.util.List;

/**
 * A call of an aggregate function (COUNT, SUM, AVG, MIN, MAX, GROUP_CONCAT, BIT_AND, BIT_OR, BIT_XOR,
 * STD, STDDEV, STDDEV_POP, STDDEV_SAMP, VARIANCE, VAR_POP, VAR_SAMP, JSON_ARRAYAGG, JSON_OBJECTAGG).
 * @param name upper case
 * @param star true for COUNT(*) (args empty)
 * @param orderBy GROUP_CONCAT's ORDER BY, empty otherwise
 * @param separator GROUP_CONCAT's SEPARATOR, null when not written (default ",")
 */
public record AggregateCall(String name, boolean distinct, boolean star, List<Expression> args, List<OrderItem> orderBy, String separator) implements Expression {
}
