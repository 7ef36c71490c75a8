package dev.basalt.engine.exec;

/**
 * LIMIT offset, count. Stops pulling from the child once the count is reached, unless it counts
 * every row for SQL_CALC_FOUND_ROWS: then it reads the child to its end (without returning the
 * rest) so {@link #rowsWithoutLimit()} is what the query would give without LIMIT.
 */
public final class LimitOperator implements Operator {
    private Operator child; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final long offset;
    private final long count;
    private final boolean countAll;
    private long seen;
    private long emitted;

    public LimitOperator(Operator child, long offset, long count) {
        this(child, offset, count, false);
    }

    public LimitOperator(Operator child, long offset, long count, boolean countAll) {
        this.child = child;
        this.offset = offset;
        this.count = count;
        this.countAll = countAll;
    }

    /** Rows the child produced so far (all of them once next() returned null in counting mode). */
    public long rowsWithoutLimit() { return seen; }

    @Override public void open() { child.open(); seen = 0; emitted = 0; }

    @Override public Object[] next() {
        if (emitted >= count) {
            if (countAll) while (child.next() != null) seen++;
            return null;
        }
        if (seen < offset) {
            long want = offset - seen;
            long got = child.skip(want); // the offset's rows are not built where the child can avoid it
            seen += got;
            if (got < want) return null;
        }
        Object[] r;
        while ((r = child.next()) != null) {
            if (seen++ < offset) continue;
            emitted++;
            return r;
        }
        return null;
    }

    @Override public void close() { child.close(); }

    @Override public String explainLabel() { return offset == 0 ? "Limit: " + count + " row(s)" : "Limit/Offset: " + count + "/" + offset + " row(s)"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(child); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { child = wrap.apply(child); }
}
