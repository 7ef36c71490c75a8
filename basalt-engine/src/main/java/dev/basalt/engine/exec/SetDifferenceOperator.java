package dev.basalt.engine.exec;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * EXCEPT and INTERSECT: rows of the left input (not) present in the right input. Without ALL,
 * each distinct row appears once; with ALL, multiplicities are subtracted / intersected.
 */
public final class SetDifferenceOperator implements Operator {
    private Operator left; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private Operator right; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Function<Object[], Object> key;
    private final boolean intersect;
    private final boolean all;
    private Map<Object, Integer> counts;
    private Map<Object, Boolean> emitted;

    public SetDifferenceOperator(Operator left, Operator right, Function<Object[], Object> key, boolean intersect, boolean all) {
        this.left = left;
        this.right = right;
        this.key = key;
        this.intersect = intersect;
        this.all = all;
    }

    @Override public void open() {
        counts = new HashMap<>();
        emitted = new HashMap<>();
        right.open();
        try {
            Object[] r;
            while ((r = right.next()) != null) counts.merge(key.apply(r), 1, Integer::sum);
        } finally {
            right.close();
        }
        left.open();
    }

    @Override public Object[] next() {
        Object[] r;
        while ((r = left.next()) != null) {
            Cancellation.check();
            Object k = key.apply(r);
            int c = counts.getOrDefault(k, 0);
            if (all) {
                if (intersect) {
                    if (c > 0) { counts.put(k, c - 1); return r; }
                } else {
                    if (c > 0) counts.put(k, c - 1);
                    else return r;
                }
            } else {
                if (emitted.containsKey(k)) continue;
                if ((c > 0) == intersect) { emitted.put(k, true); return r; }
            }
        }
        return null;
    }

    @Override public void close() { left.close(); counts = null; emitted = null; }

    @Override public String explainLabel() { return (intersect ? "Intersect" : "Except") + (all ? " all" : "") + " materialize with deduplication"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(left, right); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) {
        left = wrap.apply(left);
        right = wrap.apply(right);
    }
}
