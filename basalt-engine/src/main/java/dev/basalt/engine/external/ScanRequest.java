package dev.basalt.engine.external;

import dev.basalt.engine.types.SqlType;

import java.util.List;

/**
 * One scan of an external table.
 *
 * @param table   table name in the external database
 * @param columns the table's columns, in order; rows come back with exactly these slots
 * @param types   the engine type of each column: the values in returned rows must be of it
 * @param filters conjuncts to apply remotely (may be empty)
 * @param limit   at most this many rows are needed (-1: all); only set when no filter stays local
 * @param fetch   which columns the query reads (null: all); the others may come back as null
 * @param order   sort keys (column index, descending) the remote applies before the limit; only
 *                set with a limit (the engine sorts the rows it gets again)
 */
public record ScanRequest(String table, List<String> columns, List<SqlType> types, List<Predicate> filters, long limit,
                          boolean[] fetch, List<SortKey> order) {

    public record SortKey(int column, boolean descending) {}

    /** Whether column {@code i} must be read. */
    public boolean fetches(int i) { return fetch == null || fetch[i]; }
}
