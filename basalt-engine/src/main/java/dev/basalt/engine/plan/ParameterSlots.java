package dev.basalt.engine.plan;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;

/**
 * The placeholders of a prepared statement whose plan is kept between executions (see
 * {@link PreparedPlan}): each {@code ?} binds to a {@link Slot} that reads the value of the
 * execution in progress instead of a literal fixed at planning time.
 *
 * <p>A plan may be kept only if planning never looked at a value: while {@link #planning} is on,
 * a read marks the slots {@link #peeked} (the planner folded a value, priced a range with it, took
 * LIMIT ?...), and that plan is used once and not kept. Reads after planning (index ranges are
 * computed when a scan opens, filters per row) see the current execution's values.
 */
public final class ParameterSlots {
    private Object[] values;
    private boolean planning;
    private boolean peeked;

    public ParameterSlots(Object[] values) { this.values = values; }

    /** The values of the next execution (same count and kinds as the plan was made for). */
    public void set(Object[] values) { this.values = values; }

    /** Brackets the planner's run: reads inside it mark the plan value-dependent. */
    public void planning(boolean on) { planning = on; }

    /** Whether planning read a value (the plan then depends on it and must not be reused). */
    public boolean peeked() { return peeked; }

    Object value(int index) {
        if (planning) peeked = true;
        return values[index];
    }

    Expr slot(int index) {
        Object v = values[index];
        return new Slot(this, index, BoundParameters.literal(v).type(), v == null);
    }

    /**
     * One placeholder in a kept plan: constant within an execution, like the literal it stands
     * for; typed by the first execution's value (a plan is kept per kind of value, see
     * {@link PreparedPlan#signature}).
     */
    record Slot(ParameterSlots slots, int index, SqlType type, boolean nullable) implements Expr {
        @Override public Object eval(EvalContext ctx, Object[] row) { return slots.value(index); }

        @Override public boolean isConstant() { return true; }

        @Override public String toString() { return "?"; }
    }
}
