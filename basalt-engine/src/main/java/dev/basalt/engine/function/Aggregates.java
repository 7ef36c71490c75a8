package dev.basalt.engine.function;

import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.OrderKey;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Aggregate functions: COUNT, SUM, AVG, MIN, MAX, GROUP_CONCAT, BIT_AND/OR/XOR, STD/STDDEV*,
 * VARIANCE/VAR_*, ANY_VALUE.
 */
public final class Aggregates {
    private Aggregates() {}

    private static final Set<String> NAMES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "GROUP_CONCAT",
            "BIT_AND", "BIT_OR", "BIT_XOR", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE",
            "VAR_POP", "VAR_SAMP", "ANY_VALUE");

    public static boolean isAggregate(String name) { return NAMES.contains(name.toUpperCase(Locale.ROOT)); }

    /** COUNT(*) is COUNT with an empty argument list. */
    public static AggregateFunction create(String name, boolean distinct, List<Expr> args) {
        return create(name, distinct, args, List.of(), ",");
    }

    /**
     * @param orderBy   GROUP_CONCAT's ORDER BY (empty otherwise)
     * @param separator GROUP_CONCAT's SEPARATOR (default ",")
     * @throws dev.basalt.engine.api.SqlException 1582 for a wrong argument count
     */
    public static AggregateFunction create(String name, boolean distinct, List<Expr> args,
                                           List<OrderKey> orderBy, String separator) {
        throw new UnsupportedOperationException("aggregates");
    }
}
