package dev.basalt.engine.api;

/** The outcome of one statement: rows, or an update count. */
public sealed interface Result permits Result.Rows, Result.Update {

    /** A result set. The cursor must be drained or closed before the next statement runs. */
    non-sealed interface Rows extends Result {
        java.util.List<ColumnInfo> columns();

        RowCursor cursor();
    }

    /**
     * An OK: affected rows, last insert id, warnings, and MySQL's info string
     * (e.g. "Records: 3  Duplicates: 0  Warnings: 0"), or null.
     */
    record Update(long affectedRows, long lastInsertId, int warnings, String info) implements Result {
    }
}
