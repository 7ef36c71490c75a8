package dev.basalt.engine.function;

import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;

import java.util.List;

/** A bound aggregate call such as SUM(DISTINCT x). Immutable; accumulators hold the state. */
public interface AggregateFunction {

    /** Upper-case function name (COUNT, SUM, GROUP_CONCAT...). */
    String name();

    boolean distinct();

    /** Argument expressions (empty for COUNT(*)). */
    List<Expr> args();

    SqlType resultType();

    /** Whether the result may be NULL (false only for COUNT). */
    boolean nullable();

    Accumulator newAccumulator();
}
