package dev.basalt.engine.exec;

import java.util.List;
import java.util.function.Function;

/**
 * A lateral join: for each row of the left input, the rows a function computes from it, each
 * appended to the left row (JSON_TABLE over a column of a table to its left). A left row for
 * which the function gives no rows is dropped, as in an inner join, or kept with NULLs on the
 * right for a LEFT JOIN.
 */
public final class LateralOperator implements Operator {
    private Operator left; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Function<Object[], List<Object[]>> rowsFor;
    private final int rightWidth;
    private final boolean outer;
    private final java.util.function.Predicate<Object[]> on;
    private Object[] current;
    private List<Object[]> pending;
    private int pos;

    public LateralOperator(Operator left, Function<Object[], List<Object[]>> rowsFor, int rightWidth) {
        this(left, rowsFor, rightWidth, false, row -> true);
    }

    /**
     * @param outer LEFT JOIN: a left row without matching rows is kept once, the right side NULL
     * @param on    the join condition, tested on the joined row
     */
    public LateralOperator(Operator left, Function<Object[], List<Object[]>> rowsFor, int rightWidth, boolean outer,
                           java.util.function.Predicate<Object[]> on) {
        this.left = left;
        this.rowsFor = rowsFor;
        this.rightWidth = rightWidth;
        this.outer = outer;
        this.on = on;
    }

    @Override public void open() {
        left.open();
        pending = null;
    }

    @Override public Object[] next() {
        while (true) {
            while (pending == null || pos >= pending.size()) {
                Object[] l = left.next();
                if (l == null) return null;
                current = l.clone();
                List<Object[]> joined = new java.util.ArrayList<>();
                for (Object[] r : rowsFor.apply(current)) {
                    Object[] out = java.util.Arrays.copyOf(current, current.length + rightWidth);
                    System.arraycopy(r, 0, out, current.length, rightWidth);
                    if (on.test(out)) joined.add(out);
                }
                if (joined.isEmpty() && outer) joined.add(java.util.Arrays.copyOf(current, current.length + rightWidth));
                pending = joined;
                pos = 0;
            }
            return pending.get(pos++);
        }
    }

    @Override public void close() {
        left.close();
        pending = null;
    }

    @Override public String explainLabel() { return outer ? "Nested loop left join (lateral)" : "Nested loop inner join (lateral)"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(left); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { left = wrap.apply(left); }
}
