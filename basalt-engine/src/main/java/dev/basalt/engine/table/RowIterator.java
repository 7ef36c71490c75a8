package dev.basalt.engine.table;

/** A stream of rows; close it (also after an exception). */
public interface RowIterator extends AutoCloseable {

    /** The next row, or null at the end. The array belongs to the caller. */
    Object[] next();

    @Override
    void close();
}
