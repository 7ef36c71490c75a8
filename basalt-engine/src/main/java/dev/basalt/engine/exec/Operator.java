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
}
