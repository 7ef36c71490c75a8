package dev.basalt.engine.api;

/**
 * A forward-only stream of rows. Values follow the Java mapping in
 * {@link dev.basalt.engine.types.TypeKind}; render them for the wire with
 * {@link dev.basalt.engine.types.ValueText}.
 */
public interface RowCursor extends AutoCloseable {

    /** The next row, or null at the end. The array may be reused by the next call. */
    Object[] next();

    @Override
    void close();
}
