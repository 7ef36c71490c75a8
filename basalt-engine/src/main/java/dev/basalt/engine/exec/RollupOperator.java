package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.Accumulator;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.types.GroupKeys;
import dev.basalt.engine.types.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GROUP BY ... WITH ROLLUP: the groups in GROUP BY order, each run of groups followed by its
 * super-aggregate rows (trailing group columns NULL), and a grand total last. Output rows have
 * the same layout as {@link HashAggregateOperator}'s.
 */
public final class RollupOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Expr[] groupBy;
    private final List<AggregateFunction> aggregates;
    private final EvalContext ctx;
    private List<Object[]> out;
    private int pos;

    public RollupOperator(Operator child, Expr[] groupBy, List<AggregateFunction> aggregates, EvalContext ctx) {
        this.child = child;
        this.groupBy = groupBy;
        this.aggregates = aggregates;
        this.ctx = ctx;
    }

    private record Level(Object[] values, Accumulator[] acc) {}

    @Override public void open() {
        int n = groupBy.length;
        // one map per level: level n = full groups ... level 0 = grand total
        List<Map<Object, Level>> levels = new ArrayList<>();
        for (int l = 0; l <= n; l++) levels.add(new HashMap<>());
        child.open();
        try {
            Object[] row;
            while ((row = child.next()) != null) {
                Cancellation.check();
                Object[] values = new Object[n];
                Object[] keys = new Object[n];
                for (int i = 0; i < n; i++) {
                    values[i] = groupBy[i].eval(ctx, row);
                    keys[i] = Values.groupKey(values[i], groupBy[i].type());
                }
                for (int l = 0; l <= n; l++) {
                    Object[] prefix = java.util.Arrays.copyOf(keys, l);
                    Object key = new GroupKeys.Composite(prefix);
                    int level = l;
                    Level g = levels.get(l).computeIfAbsent(key, k -> {
                        Object[] v = java.util.Arrays.copyOf(values, n);
                        for (int i = level; i < n; i++) v[i] = null;
                        return new Level(v, newAccumulators());
                    });
                    for (Accumulator a : g.acc()) a.add(ctx, row);
                }
            }
        } finally {
            child.close();
        }
        List<Level> full = new ArrayList<>(levels.get(n).values());
        Comparator<Object[]> order = null;
        for (int i = 0; i < n; i++) {
            int idx = i;
            Comparator<Object> c = Values.orderComparator(groupBy[i].type());
            Comparator<Object[]> k = (a, b) -> c.compare(a[idx], b[idx]);
            order = order == null ? k : order.thenComparing(k);
        }
        if (order != null) {
            Comparator<Object[]> o = order;
            full.sort((a, b) -> o.compare(a.values(), b.values()));
        }
        out = new ArrayList<>();
        for (int i = 0; i < full.size(); i++) {
            Level g = full.get(i);
            out.add(emit(g));
            Level next = i + 1 < full.size() ? full.get(i + 1) : null;
            // close every level whose prefix ends here, deepest first
            for (int l = n - 1; l >= 0; l--) {
                if (next != null && samePrefix(g.values(), next.values(), l)) break;
                Object[] prefixKeys = new Object[l];
                for (int k = 0; k < l; k++) prefixKeys[k] = Values.groupKey(g.values()[k], groupBy[k].type());
                Level sup = levels.get(l).get(new GroupKeys.Composite(prefixKeys));
                if (sup != null) out.add(emit(sup));
            }
        }
        if (full.isEmpty()) out.add(emit(new Level(new Object[n], newAccumulators())));
        pos = 0;
    }

    private boolean samePrefix(Object[] a, Object[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (!Values.groupKey(a[i], groupBy[i].type()).equals(Values.groupKey(b[i], groupBy[i].type()))) return false;
        }
        return true;
    }

    private Object[] emit(Level g) {
        Object[] row = new Object[groupBy.length + aggregates.size()];
        System.arraycopy(g.values(), 0, row, 0, groupBy.length);
        for (int i = 0; i < aggregates.size(); i++) row[groupBy.length + i] = g.acc()[i].result();
        return row;
    }

    private Accumulator[] newAccumulators() {
        Accumulator[] acc = new Accumulator[aggregates.size()];
        for (int i = 0; i < acc.length; i++) acc[i] = aggregates.get(i).newAccumulator();
        return acc;
    }

    @Override public Object[] next() { return out != null && pos < out.size() ? out.get(pos++) : null; }

    @Override public void close() { out = null; }

    @Override public String explainLabel() { return ExplainText.aggregateLabel("Group aggregate with rollup", aggregates); }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
