package dev.basalt.engine.exec;

import java.util.List;

/** UNION ALL: the children's rows one after another. UNION adds a {@link DistinctOperator} on top. */
public final class ConcatOperator implements Operator {
    private List<Operator> children; // not final: EXPLAIN ANALYZE wraps them (wrapInputs)
    private int current;

    public ConcatOperator(List<Operator> children) {
        this.children = children;
    }

    @Override public void open() {
        current = 0;
        if (!children.isEmpty()) children.get(0).open();
    }

    @Override public Object[] next() {
        while (current < children.size()) {
            Object[] r = children.get(current).next();
            if (r != null) return r;
            children.get(current).close();
            current++;
            if (current < children.size()) children.get(current).open();
        }
        return null;
    }

    @Override public void close() {
        if (current < children.size()) children.get(current).close();
        current = children.size();
    }

    @Override public String explainLabel() { return "Append"; }

    @Override public List<Operator> inputs() { return children; }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) {
        children = children.stream().map(wrap).toList();
    }
}
