package dev.basalt.engine.external;

import java.util.List;

/**
 * An open external database. Errors are {@code SqlException}s carrying the remote's errno,
 * SQLSTATE and message, or the provider's own (e.g. 1429 when the remote cannot be reached).
 * Methods taking an {@link ExternalTransaction} run inside it when it is not null.
 */
public interface ExternalDatabase {

    /** Table names, sorted. */
    List<String> tableNames();

    /** The table's columns, or null when it does not exist. Cached by the provider. */
    List<ColumnSpec> columns(String table);

    /** A rough row count, for join ordering. */
    long rowEstimate(String table);

    /** Reads rows (see {@link ScanRequest}). */
    RowSource scan(ScanRequest request, ExternalTransaction txn);

    /**
     * As {@link #scan(ScanRequest, ExternalTransaction)}; {@code current}: the statement must see the
     * remote's current data ({@link ExternalAccess#currentReads}), never a kept copy.
     */
    default RowSource scan(ScanRequest request, ExternalTransaction txn, boolean current) { return scan(request, txn); }

    /** The SQL a scan sends, for EXPLAIN (values shown as {@code ?}). */
    String describeScan(ScanRequest request);

    /**
     * Runs a statement written in MySQL's dialect whose tables all live in this database
     * (unqualified names mean this database). Drops cached metadata after DDL.
     *
     * @param foundRows UPDATE counts matched rows, not changed ones (the client's CLIENT_FOUND_ROWS)
     */
    Outcome execute(String sql, boolean foundRows, ExternalTransaction txn);

    /** Inserts rows (engine values) into the named columns: INSERT ... SELECT from elsewhere. */
    Outcome insertRows(String table, List<String> columns, List<Object[]> rows, boolean replace, boolean ignore,
                       ExternalTransaction txn);

    /** Starts a transaction pinned to one connection (see {@link ExternalTransaction}); foundRows as in execute. */
    ExternalTransaction begin(boolean foundRows);

    /** Which remote server this is (pinned transactions may not span two); no secrets. */
    String serverKey();

    /** How errors name this database's server to clients (no credentials), e.g. {@code host:port/db}. */
    default String describe() { return serverKey(); }

    /** Qualifier to use for this database's tables in SQL sent to it (quoted identifier). */
    String quotedName();

    /** True when writes and DDL must be refused (1036) before anything is sent to the remote. */
    default boolean readOnly() { return false; }

    /**
     * Which server may run a whole {@link BlockQuery} over this database's tables, or null when this
     * database cannot run blocks. Databases answering the same key can be joined in one block (the
     * same host, port and login: one connection reaches all of their tables). No secrets.
     */
    default String blockServer() { return null; }

    /**
     * Runs a whole SELECT block whose tables all live on this database's {@link #blockServer}.
     * Rows have one value per {@link BlockQuery#select} column, of its type.
     *
     * @param params the values of the block's {@link BlockQuery.Param}s, in order
     */
    default RowSource query(BlockQuery query, List<Object> params, ExternalTransaction txn) {
        throw new UnsupportedOperationException("block queries");
    }

    /** As {@link #query(BlockQuery, List, ExternalTransaction)}; {@code current} as for scans. */
    default RowSource query(BlockQuery query, List<Object> params, ExternalTransaction txn, boolean current) {
        return query(query, params, txn);
    }

    /** The SQL a block query sends, for EXPLAIN (values shown as {@code ?}). */
    default String describeQuery(BlockQuery query) { return "?"; }
}
