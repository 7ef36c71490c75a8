package dev.basalt.sql.ast;

/**
 * A window function call: {@code function OVER window}. The function is a {@link FunctionCall}
 * named in upper case for the dedicated window functions (ROW_NUMBER, RANK, LAG, NTH_VALUE, ...)
 * or an {@link AggregateCall} used as a window function (SUM(x) OVER ...).
 * @param fromLast NTH_VALUE's FROM LAST (MySQL refuses it; kept so the binder can say so)
 * @param ignoreNulls IGNORE NULLS after LAG/LEAD/FIRST_VALUE/LAST_VALUE/NTH_VALUE (also refused by MySQL)
 */
public record WindowFunction(Expression function, boolean fromLast, boolean ignoreNulls, WindowSpec window)
        implements Expression {
}
