package dev.basalt.engine.external;

/** Rows of an external scan, read one at a time; close ends the scan early. */
public interface RowSource extends AutoCloseable {

    /** The next row (a fresh array), or null at the end. */
    Object[] next();

    @Override void close();
}
