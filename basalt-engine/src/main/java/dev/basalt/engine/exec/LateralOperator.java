package dev.basalt.engine.exec;

import java.util.List;
import java.util.function.Function;

/**
 * A lateral join: for each row of the left input, the rows a function computes from it, each
 * appended to the left row (JSON_TABLE over a column of a table to its left). A left row for
 * which the function gives no rows is dropped, as in an inner join.
 */
public final class LateralOperator implements Operator {
    private final Operator left;
    private final Function<Object[], List<Object[]>> rowsFor;
    private final int rightWidth;
    private Object[] current;
    private List<Object[]> pending;
    private int pos;

    public LateralOperator(Operator left, Function<Object[], List<Object[]>> rowsFor, int rightWidth) {
        this.left = left;
        this.rowsFor = rowsFor;
        this.rightWidth = rightWidth;
    }

    @Override public void open() {
        left.open();
        pending = null;
    }

    @Override public Object[] next() {
        while (pending == null || pos >= pending.size()) {
            Object[] l = left.next();
            if (l == null) return null;
            current = l.clone();
            pending = rowsFor.apply(current);
            pos = 0;
        }
        Object[] r = pending.get(pos++);
        Object[] out = java.util.Arrays.copyOf(current, current.length + rightWidth);
        System.arraycopy(r, 0, out, current.length, rightWidth);
        return out;
    }

    @Override public void close() {
        left.close();
        pending = null;
    }
}
