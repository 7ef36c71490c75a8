package dev.basalt.engine.exec.window;

import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.AggregateFunction;

/**
 * One bound window function.
 * @param args the value argument (LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE), empty otherwise
 * @param aggregate the aggregate for {@link Kind#AGGREGATE}, else null
 * @param n NTILE's bucket count, LAG/LEAD's offset, NTH_VALUE's position
 * @param defaultValue LAG/LEAD's default (null when not given)
 */
public record WindowFunctionSpec(Kind kind, Expr[] args, AggregateFunction aggregate, long n, Expr defaultValue,
                                 FrameSpec frame) {
    public enum Kind {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE,
        AGGREGATE
    }
}
