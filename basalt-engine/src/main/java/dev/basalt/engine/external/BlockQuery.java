package dev.basalt.engine.external;

import dev.basalt.engine.types.SqlType;

import java.util.List;

/**
 * A whole SELECT block over tables of one remote server, handed to
 * {@link ExternalDatabase#query} so the remote can run it (joins, WHERE, GROUP BY and aggregates,
 * HAVING, DISTINCT, ORDER BY, LIMIT) and send back only the result rows. The planner builds it only
 * from parts whose result the remote computes exactly as our engine would; the provider only has to
 * write it in its dialect.
 *
 * <p>Tables are referred to by position in {@link #from}; values that do not depend on the row
 * (constants, parameters, outer references) are {@link Param}s, evaluated when the query runs and
 * passed next to it, so one description serves every execution of a prepared or correlated query.
 *
 * @param from     the tables, joined as a cross product filtered by {@link #where} (inner joins only)
 * @param where    conjuncts (may be empty)
 * @param groupBy  grouping keys; with {@link #grouped} and no keys the block is one aggregate row
 * @param grouped  the block aggregates (GROUP BY, or aggregates without GROUP BY)
 * @param having   filter on groups, or null
 * @param select   the result columns, in order
 * @param distinct SELECT DISTINCT
 * @param orderBy  sort keys (may be empty)
 * @param offset   rows to skip (0 without LIMIT)
 * @param limit    rows to return, or -1 for all
 * @param types    the engine type of each result column: returned values must be of it
 */
public record BlockQuery(List<Source> from, List<Node> where, List<Node> groupBy, boolean grouped, Node having,
                         List<Node> select, boolean distinct, List<Order> orderBy, long offset, long limit,
                         List<SqlType> types) {

    /**
     * One table of the block: {@code db} says where it lives (the same server for all); {@code alias}
     * is the name the query gave it (unique within the block).
     */
    public record Source(ExternalDatabase db, String table, String alias) {}

    public record Order(Node key, boolean descending) {}

    /** An expression the remote evaluates. */
    public sealed interface Node permits Column, Param, Call, Aggregate {}

    /** Column {@code name} of source {@code source}. */
    public record Column(int source, String name) implements Node {}

    /** The {@code index}-th value passed with the query (0-based). */
    public record Param(int index) implements Node {}

    /** An operator applied to its arguments (see {@link Op} for the arities). */
    public record Call(Op op, List<Node> args) implements Node {}

    /**
     * An aggregate: COUNT, SUM, AVG, MIN or MAX; {@code arg} null for COUNT(*).
     */
    public record Aggregate(String name, boolean distinct, Node arg) implements Node {}

    public enum Op {
        /** Binary comparisons. */
        EQ, NULL_SAFE_EQ, NE, LT, LE, GT, GE,
        /** AND and OR of two or more, NOT of one. */
        AND, OR, NOT,
        /** One argument. */
        IS_NULL, IS_NOT_NULL,
        /** First argument, then the list. */
        IN, NOT_IN,
        /** Operand, low, high. */
        BETWEEN, NOT_BETWEEN,
        /** Exact arithmetic on two arguments. */
        ADD, SUBTRACT, MULTIPLY,
        /** Unary minus of an exact number. */
        NEGATE,
        /** Operand, pattern, and the escape character when one was given (else MySQL's default, backslash). */
        LIKE, NOT_LIKE
    }
}
