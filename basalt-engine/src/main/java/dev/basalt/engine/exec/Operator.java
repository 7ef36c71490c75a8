package dev.basalt.engine.exec;

/**
 * A physical operator in the iterator (Volcano) model. Built per statement execution;
 * {@link #open()} may be called again after {@link #close()} to restart (used by nested loops
 * and correlated subqueries).
 */
public interface Operator {

    void open();

    /** The next row, or null at the end. Callers must not keep the array past the next call
     *  unless the operator documents that rows are fresh (clone it when buffering). */
    Object[] next();

    void close();

    /**
     * Passes over up to {@code n} rows without returning them (LIMIT's OFFSET) and returns how
     * many it passed (fewer only at the end). Operators that can do so without building the rows
     * (a table or index scan, a projection over one) override it.
     */
    default long skip(long n) {
        long k = 0;
        while (k < n && next() != null) k++;
        return k;
    }

    /**
     * EXPLAIN FORMAT=TREE: this step's line in MySQL 8's words ("Filter: (t.v > 1)", "Table scan
     * on t"), or null for a step MySQL does not show (its inputs take its place).
     */
    default String explainLabel() {
        String n = getClass().getSimpleName();
        return n.endsWith("Operator") ? n.substring(0, n.length() - "Operator".length()) : n;
    }

    /** The inputs EXPLAIN shows under this step, in MySQL's order. */
    default java.util.List<Operator> inputs() { return java.util.List.of(); }

    /**
     * EXPLAIN ANALYZE: replaces each input by {@code wrap.apply(input)} (a measuring wrapper), before
     * {@link #open()}. Operators without inputs have nothing to do.
     */
    default void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) { }
}
