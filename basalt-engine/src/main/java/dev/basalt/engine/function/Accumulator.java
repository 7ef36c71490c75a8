package dev.basalt.engine.function;

import dev.basalt.engine.expr.EvalContext;

/** Per-group state of one aggregate: fed rows, then asked for the result. */
public interface Accumulator {

    /** Evaluates the aggregate's argument expressions on the row and folds them in. */
    void add(EvalContext ctx, Object[] row);

    /** The aggregate value of the rows added so far (NULL for an empty group, 0 for COUNT). */
    Object result();
}
