package dev.basalt.engine.exec;

import java.util.List;
import java.util.function.Supplier;

/** Rows from a list (VALUES, materialized derived tables, virtual tables, SHOW output). */
public final class ListOperator implements Operator {
    private final Supplier<List<Object[]>> source;
    private List<Object[]> rows;
    private int pos;

    public ListOperator(List<Object[]> rows) {
        this(() -> rows);
    }

    /** The supplier runs at each open(), so virtual tables see fresh data. */
    public ListOperator(Supplier<List<Object[]>> source) {
        this.source = source;
    }

    @Override public void open() { rows = source.get(); pos = 0; }

    @Override public Object[] next() {
        if (rows == null || pos >= rows.size()) return null;
        Cancellation.check(); // a join over materialized rows never reaches a table scan
        return rows.get(pos++);
    }

    @Override public void close() { rows = null; }

    @Override public String explainLabel() { return "Rows fetched before execution"; }
}
