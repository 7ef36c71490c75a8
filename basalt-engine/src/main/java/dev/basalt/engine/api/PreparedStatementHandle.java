package dev.basalt.engine.api;

import java.util.List;

/**
 * A statement parsed once by {@link Session#prepare} and run many times by
 * {@link Session#executePrepared} with different parameter values. Belongs to the session that
 * prepared it.
 */
public interface PreparedStatementHandle {

    /** How many {@code ?} placeholders the statement has. */
    int parameterCount();

    /**
     * The result columns as far as they are known at prepare time: those of a query, empty for
     * statements that return no rows (or whose columns are only known when they run, like SHOW).
     */
    List<ColumnInfo> columns();
}
