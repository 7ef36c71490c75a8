package dev.basalt.engine.exec;

/** LIMIT offset, count. Stops pulling from the child once the count is reached. */
public final class LimitOperator implements Operator {
    private final Operator child;
    private final long offset;
    private final long count;
    private long seen;
    private long emitted;

    public LimitOperator(Operator child, long offset, long count) {
        this.child = child;
        this.offset = offset;
        this.count = count;
    }

    @Override public void open() { child.open(); seen = 0; emitted = 0; }

    @Override public Object[] next() {
        if (emitted >= count) return null;
        Object[] r;
        while ((r = child.next()) != null) {
            if (seen++ < offset) continue;
            emitted++;
            return r;
        }
        return null;
    }

    @Override public void close() { child.close(); }
}
