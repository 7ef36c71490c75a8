package dev.basalt.engine.table;

/** A stream of rows; close it (also after an exception). */
public interface RowIterator extends AutoCloseable {

    /** The next row, or null at the end. The array belongs to the caller. */
    Object[] next();

    /**
     * Passes over the next row without building it (LIMIT's OFFSET); false at the end. Iterators
     * whose entries are rows one to one override it to skip the decoding.
     */
    default boolean skip() { return next() != null; }

    @Override
    void close();
}
