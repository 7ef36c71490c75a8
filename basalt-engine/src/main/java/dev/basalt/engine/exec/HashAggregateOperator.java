package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.Accumulator;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.types.GroupKeys;
import dev.basalt.engine.types.Values;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GROUP BY with aggregates. Output rows are [group values..., aggregate results...]. Groups come
 * out in first-seen order. Without GROUP BY there is exactly one output row, even for no input.
 */
public final class HashAggregateOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Expr[] groupBy;
    private final List<AggregateFunction> aggregates;
    private final EvalContext ctx;
    private Iterator<Group> groups;

    private record Group(Object[] values, Accumulator[] accumulators) {}

    public HashAggregateOperator(Operator child, Expr[] groupBy, List<AggregateFunction> aggregates, EvalContext ctx) {
        this.child = child;
        this.groupBy = groupBy;
        this.aggregates = aggregates;
        this.ctx = ctx;
    }

    /** The groups against the statement's memory budget. */
    private final QueryMemory.Lease memory = QueryMemory.forHash();

    @Override public void open() {
        memory.release();
        Map<Object, Group> map = new LinkedHashMap<>();
        child.open();
        try {
            Object[] row;
            while ((row = child.next()) != null) {
                Cancellation.check();
                Object key;
                Object[] values = new Object[groupBy.length];
                if (groupBy.length == 1) {
                    values[0] = groupBy[0].eval(ctx, row);
                    key = Values.groupKey(values[0], groupBy[0].type());
                } else {
                    Object[] parts = new Object[groupBy.length];
                    for (int i = 0; i < groupBy.length; i++) {
                        values[i] = groupBy[i].eval(ctx, row);
                        parts[i] = Values.groupKey(values[i], groupBy[i].type());
                    }
                    key = new GroupKeys.Composite(parts);
                }
                Group g = map.get(key);
                if (g == null) {
                    g = new Group(values, newAccumulators());
                    map.put(key, g);
                    // the values twice (key and group), the map entry, an accumulator each
                    memory.addBytes(2 * QueryMemory.sizeOf(values) + 48 + 64L * aggregates.size());
                }
                for (Accumulator a : g.accumulators()) a.add(ctx, row);
            }
        } finally {
            child.close();
        }
        if (map.isEmpty() && groupBy.length == 0) {
            map.put(GroupKeys.NULL_KEY, new Group(new Object[0], newAccumulators()));
        }
        groups = new ArrayList<>(map.values()).iterator();
    }

    private Accumulator[] newAccumulators() {
        Accumulator[] acc = new Accumulator[aggregates.size()];
        for (int i = 0; i < acc.length; i++) acc[i] = aggregates.get(i).newAccumulator();
        return acc;
    }

    @Override public Object[] next() {
        if (groups == null || !groups.hasNext()) return null;
        Group g = groups.next();
        Object[] out = new Object[groupBy.length + aggregates.size()];
        System.arraycopy(g.values(), 0, out, 0, groupBy.length);
        for (int i = 0; i < aggregates.size(); i++) out[groupBy.length + i] = g.accumulators()[i].result();
        return out;
    }

    @Override public void close() {
        groups = null;
        memory.release();
    }

    @Override public String explainLabel() { return groupBy.length == 0 ? ExplainText.aggregateLabel("Aggregate", aggregates) : "Aggregate using temporary table"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
