package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.Accumulator;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.types.GroupKeys;
import dev.basalt.engine.types.Values;

import java.util.List;
import java.util.Objects;

/**
 * GROUP BY over input already ordered by the group keys (an index read in order): a group ends
 * when the key changes, so groups stream out in key order and a LIMIT above stops the read.
 * Output rows are [group values..., aggregate results...], as {@link HashAggregateOperator}'s.
 * Needs at least one group key (without GROUP BY use the hash operator: one row even for no input).
 */
public final class StreamAggregateOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Expr[] groupBy;
    private final List<AggregateFunction> aggregates;
    private final EvalContext ctx;
    private Object[] pending;     // first row of the next group, already read
    private boolean done;

    public StreamAggregateOperator(Operator child, Expr[] groupBy, List<AggregateFunction> aggregates, EvalContext ctx) {
        if (groupBy.length == 0) throw new IllegalArgumentException("streamed aggregation needs group keys");
        this.child = child;
        this.groupBy = groupBy;
        this.aggregates = aggregates;
        this.ctx = ctx;
    }

    @Override public void open() {
        child.open();
        pending = null;
        done = false;
    }

    /** Equality under the keys' collations, as the hash operator's grouping. */
    private Object key(Object[] values) {
        Object[] parts = new Object[groupBy.length];
        for (int i = 0; i < groupBy.length; i++) parts[i] = Values.groupKey(values[i], groupBy[i].type());
        return new GroupKeys.Composite(parts);
    }

    private Object[] values(Object[] row) {
        Object[] v = new Object[groupBy.length];
        for (int i = 0; i < groupBy.length; i++) v[i] = groupBy[i].eval(ctx, row);
        return v;
    }

    @Override public Object[] next() {
        if (done) return null;
        Object[] first = pending != null ? pending : child.next();
        pending = null;
        if (first == null) {
            done = true;
            return null;
        }
        Object[] values = values(first);
        Object key = key(values);
        Accumulator[] acc = new Accumulator[aggregates.size()];
        for (int i = 0; i < acc.length; i++) acc[i] = aggregates.get(i).newAccumulator();
        for (Accumulator a : acc) a.add(ctx, first);
        Object[] row;
        while ((row = child.next()) != null) {
            if (!Objects.equals(key(values(row)), key)) {
                pending = row.clone();
                break;
            }
            for (Accumulator a : acc) a.add(ctx, row);
        }
        if (row == null) done = true;
        Object[] out = new Object[groupBy.length + acc.length];
        System.arraycopy(values, 0, out, 0, groupBy.length);
        for (int i = 0; i < acc.length; i++) out[groupBy.length + i] = acc[i].result();
        return out;
    }

    @Override public void close() {
        pending = null;
        child.close();
    }

    @Override public String explainLabel() { return ExplainText.aggregateLabel(groupBy.length == 0 ? "Aggregate" : aggregates.isEmpty() ? "Group (no aggregates)" : "Group aggregate", aggregates); }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
