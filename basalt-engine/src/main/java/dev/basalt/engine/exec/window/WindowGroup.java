package dev.basalt.engine.exec.window;

import dev.basalt.engine.expr.Expr;

import java.util.List;

/**
 * The window functions that share one PARTITION BY and ORDER BY, so one sort serves them all.
 * @param slots the output slot of each function (index into the output row)
 */
public record WindowGroup(Expr[] partition, Expr[] order, boolean[] descending, List<WindowFunctionSpec> functions,
                          int[] slots) {
}
