package dev.basalt.engine.exec;

import dev.basalt.engine.exec.spill.Partitions;
import dev.basalt.engine.exec.spill.SpillFile;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.Accumulator;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.types.GroupKeys;
import dev.basalt.engine.types.Values;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GROUP BY with aggregates. Output rows are [group values..., aggregate results...]. Groups come
 * out in first-seen order while they fit the statement's memory budget. Without GROUP BY there is
 * exactly one output row, even for no input.
 *
 * <p>Beyond the budget it is a hybrid hash aggregation: groups already in memory keep
 * aggregating, input rows of new keys go to partition files by key hash ({@link Partitions}); the
 * in-memory groups are emitted first, then each partition is aggregated alone (and split again if
 * it is still too big). Every key is in exactly one place, so results are those of the in-memory
 * run in a different order (MySQL guarantees no order for GROUP BY without ORDER BY).
 */
public final class HashAggregateOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Expr[] groupBy;
    private final List<AggregateFunction> aggregates;
    private final EvalContext ctx;
    private Iterator<Group> groups;
    /** Partitions still to aggregate, with their depth. */
    private final Deque<Pending> pending = new ArrayDeque<>();

    private record Group(Object[] values, Accumulator[] accumulators) {}

    private record Pending(SpillFile file, int depth) {}

    public HashAggregateOperator(Operator child, Expr[] groupBy, List<AggregateFunction> aggregates, EvalContext ctx) {
        this.child = child;
        this.groupBy = groupBy;
        this.aggregates = aggregates;
        this.ctx = ctx;
    }

    /** The groups against the statement's memory budget. */
    private final QueryMemory.Lease memory = QueryMemory.forHash();
    /** The client statement's counters: this hash table is one of its Created_tmp_tables (null for internal work). */
    private final StatementScans scans = StatementScans.current();

    @Override public void open() {
        memory.release();
        dropPending();
        if (scans != null && groupBy.length > 0) scans.tmpTable(); // no GROUP BY: one group, no table in MySQL either
        if (groupBy.length == 0) {
            groups = List.of(aggregateAll()).iterator();
            return;
        }
        child.open();
        Map<Object, Group> map;
        try {
            map = aggregate(child::next, 0);
        } finally {
            child.close();
        }
        if (map.isEmpty() && groupBy.length == 0) {
            map.put(GroupKeys.NULL_KEY, new Group(new Object[0], newAccumulators()));
        }
        groups = map.values().iterator();
    }

    /**
     * Without GROUP BY: every row feeds the one group, so no key is built or hashed per row (a
     * COUNT / SUM over a 10,000-row range spent a tenth of its time on the map lookup).
     */
    private Group aggregateAll() {
        Group g = new Group(new Object[0], newAccumulators());
        memory.addBytes(48 + 64L * aggregates.size());
        Accumulator[] acc = g.accumulators();
        child.open();
        try {
            Object[] row;
            long n = 0;
            while ((row = child.next()) != null) {
                // the input's own loop checks per row read; this one covers inputs that do not, more cheaply
                if ((++n & 63) == 0) Cancellation.check();
                for (Accumulator a : acc) a.add(ctx, row);
            }
        } finally {
            child.close();
        }
        return g;
    }

    /** Aggregates {@code source} in memory as far as the budget allows; the rest goes to {@link #pending}. */
    private Map<Object, Group> aggregate(Supplier<Object[]> source, int depth) {
        Map<Object, Group> map = new LinkedHashMap<>();
        Partitions overflow = null;
        try {
            Object[] row;
            while ((row = source.get()) != null) {
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
                    // the values twice (key and group), the map entry, an accumulator each
                    long bytes = 2 * QueryMemory.sizeOf(values) + 48 + 64L * aggregates.size();
                    if (map.isEmpty()) {
                        memory.addBytes(bytes); // the first group stays in memory (1041 only past the whole budget)
                    } else if (overflow != null || !memory.tryAddBytes(bytes)) {
                        if (depth >= Partitions.MAX_DEPTH) throw memory.overBudget();
                        if (overflow == null) {
                            overflow = new Partitions(depth);
                            if (depth == 0 && scans != null) scans.tmpTableSpilled();
                        }
                        try {
                            overflow.add(key.hashCode(), row);
                        } catch (SpillFile.Unspillable e) {
                            throw memory.overBudget();
                        }
                        continue;
                    }
                    g = new Group(values, newAccumulators());
                    map.put(key, g);
                }
                for (Accumulator a : g.accumulators()) a.add(ctx, row);
            }
            if (overflow != null) {
                for (SpillFile f : overflow.take()) pending.add(new Pending(f, depth + 1));
            }
            return map;
        } finally {
            if (overflow != null) overflow.close();
        }
    }

    private Accumulator[] newAccumulators() {
        Accumulator[] acc = new Accumulator[aggregates.size()];
        for (int i = 0; i < acc.length; i++) acc[i] = aggregates.get(i).newAccumulator();
        return acc;
    }

    @Override public Object[] next() {
        if (groups == null) return null;
        while (!groups.hasNext()) {
            Pending p = pending.poll();
            if (p == null) return null;
            groups = null;
            memory.release(); // the emitted groups are garbage now
            try {
                groups = aggregate(p.file()::read, p.depth()).values().iterator();
            } finally {
                p.file().close();
            }
        }
        Group g = groups.next();
        Object[] out = new Object[groupBy.length + aggregates.size()];
        System.arraycopy(g.values(), 0, out, 0, groupBy.length);
        for (int i = 0; i < aggregates.size(); i++) out[groupBy.length + i] = g.accumulators()[i].result();
        return out;
    }

    private void dropPending() {
        for (Pending p : pending) p.file().close();
        pending.clear();
    }

    @Override public void close() {
        groups = null;
        dropPending();
        memory.release();
    }

    @Override public String explainLabel() { return groupBy.length == 0 ? ExplainText.aggregateLabel("Aggregate", aggregates) : "Aggregate using temporary table"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
