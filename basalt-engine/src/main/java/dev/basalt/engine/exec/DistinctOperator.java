package dev.basalt.engine.exec;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/** Drops rows whose key (SQL equality under collations) was seen before. Streaming. */
public final class DistinctOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final Function<Object[], Object> key;
    private Set<Object> seen;

    public DistinctOperator(Operator child, Function<Object[], Object> key) {
        this.child = child;
        this.key = key;
    }

    /** The rows seen so far against the statement's memory budget. */
    private final QueryMemory.Lease memory = QueryMemory.forHash();

    @Override public void open() {
        memory.release();
        child.open();
        seen = new HashSet<>();
    }

    @Override public Object[] next() {
        Object[] r;
        while ((r = child.next()) != null) {
            Cancellation.check();
            if (seen.add(key.apply(r))) {
                memory.add(r);
                return r;
            }
        }
        return null;
    }

    @Override public void close() {
        child.close();
        seen = null;
        memory.release();
    }

    @Override public String explainLabel() { return "Temporary table with deduplication"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
