package dev.basalt.engine.exec;

/**
 * What the running client statement read from storage: the rows its table and index scans
 * examined (the slow log's Rows_examined) and whether any of them read a whole table or a whole
 * index (MySQL's "no index used", which log_queries_not_using_indexes logs), and how long it
 * waited for row, table and metadata locks (the slow log's Lock_time, as MySQL 8 counts it since
 * 8.0.28: lock waits of every kind, not only table locks), and the rows its sorts produced
 * (Sort_rows; window functions' sorts too, as MySQL's filesorts of their temporary table).
 *
 * <p>With log_slow_extra it also counts, under MySQL's handler and sort status names, the storage
 * reads and sorts the statement did: each read is filed under the handler call MySQL would make
 * for it ({@link #read}): a whole-table scan's rows as Read_rnd_next, the first entry of a whole
 * index scan as Read_first (Read_last backwards), the first entry of a key lookup or range as
 * Read_key, the entries after it as Read_next (Read_prev backwards), a row fetched by its primary
 * key from another index's list (full-text, spatial) as Read_rnd. Like MySQL, the call that finds
 * the end of a scan counts too (a full scan of 3 rows is Read_rnd_next 4), except after a
 * unique-key lookup, which MySQL does not continue. Sorts count as Sort_range_count when their
 * input is a range read, Sort_scan_count otherwise, with their merge passes (Sort_merge_passes);
 * the hash tables Basalt builds where MySQL makes an internal temporary table (GROUP BY, DISTINCT,
 * UNION / INTERSECT / EXCEPT) and each window function pass count as Created_tmp_tables, and those
 * that spilled to disk also as Created_tmp_disk_tables.
 *
 * <p>A session owns one and resets it per client statement. Scans find it when they are built,
 * during planning inside the statement, and keep the reference: counting a row is then a field
 * increment, with no thread-local lookup per row, also while a result streams after the
 * statement's call returned.
 */
public final class StatementScans {

    private static final ThreadLocal<StatementScans> CURRENT = new ThreadLocal<>();

    private long rowsExamined;
    private boolean noIndexUsed;
    private long lockWaitNanos;
    private long sortRows;
    private final long[] reads = new long[Read.values().length];
    private long sortMergePasses, sortRangeCount, sortScanCount, tmpTables, tmpDiskTables;
    /** The session's sorts since it started (SHOW SESSION STATUS): not reset per statement. */
    private long sessionSortRows, sessionSortRangeCount, sessionSortScanCount, sessionTmpTables, sessionFullJoins,
            sessionFullRangeJoins, sessionSelectScans, sessionSelectRanges;
    /** The server's sorts since start (SHOW GLOBAL STATUS, /metrics). */
    private static final java.util.concurrent.atomic.LongAdder GLOBAL_SORT_ROWS = new java.util.concurrent.atomic.LongAdder(),
            GLOBAL_SORT_RANGE_COUNT = new java.util.concurrent.atomic.LongAdder(),
            GLOBAL_SORT_SCAN_COUNT = new java.util.concurrent.atomic.LongAdder(),
            GLOBAL_TMP_TABLES = new java.util.concurrent.atomic.LongAdder(),
            GLOBAL_FULL_JOINS = new java.util.concurrent.atomic.LongAdder(),
            GLOBAL_FULL_RANGE_JOINS = new java.util.concurrent.atomic.LongAdder(),
            GLOBAL_SELECT_SCANS = new java.util.concurrent.atomic.LongAdder(),
            GLOBAL_SELECT_RANGES = new java.util.concurrent.atomic.LongAdder();

    /** MySQL's handler read calls, in the slow log's order (Handler_read_* in SHOW STATUS). */
    public enum Read {
        FIRST("Read_first"), LAST("Read_last"), KEY("Read_key"), NEXT("Read_next"), PREV("Read_prev"),
        RND("Read_rnd"), RND_NEXT("Read_rnd_next");

        /** The slow log's field name. */
        public final String field;

        Read(String field) { this.field = field; }
    }

    /** Installs {@code scans} for the statement starting on this thread; returns the previous one. */
    public static StatementScans enter(StatementScans scans) {
        StatementScans previous = CURRENT.get();
        CURRENT.set(scans);
        return previous;
    }

    public static void restore(StatementScans previous) {
        CURRENT.set(previous); // set, not remove(): see SessionZone.restore
    }

    /**
     * The running statement's counters, or null outside a client statement (internal work). An
     * operator takes it when it is built (see the class comment), not per row.
     */
    public static StatementScans current() { return CURRENT.get(); }

    /** A new client statement: nothing examined yet. */
    public void reset() {
        rowsExamined = 0;
        noIndexUsed = false;
        lockWaitNanos = 0;
        sortRows = 0;
        java.util.Arrays.fill(reads, 0);
        sortMergePasses = sortRangeCount = sortScanCount = tmpTables = tmpDiskTables = 0;
    }

    /**
     * A lock wait of the statement running on this thread ended after {@code nanos} (the lock
     * managers call it around each slice of waiting; internal work outside a client statement
     * is not counted).
     */
    public static void lockWaited(long nanos) {
        StatementScans s = CURRENT.get();
        if (s != null) s.lockWaitNanos += nanos;
    }

    /** Time spent waiting for locks (the slow log's Lock_time). */
    public long lockWaitNanos() { return lockWaitNanos; }

    void examined(long rows, boolean wholeTableOrIndex) {
        rowsExamined += rows;
        if (wholeTableOrIndex) noIndexUsed = true;
    }

    public long rowsExamined() { return rowsExamined; }

    void sorted(long rows) {
        sortRows += rows;
        sessionSortRows += rows;
        GLOBAL_SORT_ROWS.add(rows);
    }

    /**
     * A window function's pass over {@code rows} rows (one per window group). MySQL materialises
     * each window's input in a temporary table (Created_tmp_tables, and Created_tmp_disk_tables
     * when on disk: {@code onDisk}); one with PARTITION BY or ORDER BY ({@code sorted}) sorts it
     * with a filesort: Sort_rows grows by the rows, and Sort_scan_count by one (the temporary
     * table is scanned, not read by a range).
     */
    public void windowPass(long rows, boolean sorted, boolean onDisk) {
        tmpTable();
        if (onDisk) tmpTableSpilled();
        if (sorted) {
            sorted(rows);
            sortRan(false, 0);
        }
    }

    /** Rows the statement's ORDER BY sorts produced (the slow log's Sort_rows, log_slow_extra). */
    public long sortRows() { return sortRows; }

    /** {@code n} storage reads of kind {@code kind} (see the class comment). */
    void read(Read kind, long n) { reads[kind.ordinal()] += n; }

    public long reads(Read kind) { return reads[kind.ordinal()]; }

    /** A sort ran: over a range read ({@code range}) or not, with {@code mergePasses} passes on disk. */
    void sortRan(boolean range, long mergePasses) {
        if (range) {
            sortRangeCount++;
            sessionSortRangeCount++;
            GLOBAL_SORT_RANGE_COUNT.increment();
        } else {
            sortScanCount++;
            sessionSortScanCount++;
            GLOBAL_SORT_SCAN_COUNT.increment();
        }
        sortMergePasses += mergePasses;
    }

    /**
     * SHOW STATUS's Created_tmp_tables (hash tables and window passes), the Select_* joins and first tables, Sort_range, Sort_rows and Sort_scan (MySQL's names there; the slow log says
     * Sort_range_count and Sort_scan_count): this session's since it started ({@code global} false),
     * or the server's since start. Sort_merge_passes is server-wide (SpillStats).
     */
    public java.util.Map<String, String> sortStatus(boolean global) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("Created_tmp_tables", Long.toString(global ? GLOBAL_TMP_TABLES.sum() : sessionTmpTables));
        m.put("Select_full_join", Long.toString(global ? GLOBAL_FULL_JOINS.sum() : sessionFullJoins));
        m.put("Select_full_range_join", Long.toString(global ? GLOBAL_FULL_RANGE_JOINS.sum() : sessionFullRangeJoins));
        m.put("Select_range", Long.toString(global ? GLOBAL_SELECT_RANGES.sum() : sessionSelectRanges));
        m.put("Select_range_check", "0"); // Basalt has no "Range checked for each record" join: lookups are ref / eq_ref
        m.put("Select_scan", Long.toString(global ? GLOBAL_SELECT_SCANS.sum() : sessionSelectScans));
        m.put("Sort_range", Long.toString(global ? GLOBAL_SORT_RANGE_COUNT.sum() : sessionSortRangeCount));
        m.put("Sort_rows", Long.toString(global ? GLOBAL_SORT_ROWS.sum() : sessionSortRows));
        m.put("Sort_scan", Long.toString(global ? GLOBAL_SORT_SCAN_COUNT.sum() : sessionSortScanCount));
        return m;
    }

    /** The server's sort counters (for /metrics, which has no session). */
    public static java.util.Map<String, String> globalSortStatus() { return new StatementScans().sortStatus(true); }

    /** A spilled sort outside {@link SortOperator} (window functions) merged its runs. */
    public void mergePasses(long n) { sortMergePasses += n; }

    public long sortMergePasses() { return sortMergePasses; }

    public long sortRangeCount() { return sortRangeCount; }

    public long sortScanCount() { return sortScanCount; }

    /**
     * A join read its inner side without an index (a hash join or a nested loop over a scan): MySQL's
     * Select_full_join, which it counts for its hash joins and block nested loops too.
     */
    void fullJoin() {
        sessionFullJoins++;
        GLOBAL_FULL_JOINS.increment();
    }

    /**
     * A join read its inner side by a range without an index lookup per outer row (a hash join over
     * a range scan): MySQL's Select_full_range_join, which it counts instead of Select_full_join then.
     */
    void fullRangeJoin() {
        sessionFullRangeJoins++;
        GLOBAL_FULL_RANGE_JOINS.increment();
    }

    /** A query block's first table was read whole (table or index scan): MySQL's Select_scan. */
    void firstTableScanned() {
        sessionSelectScans++;
        GLOBAL_SELECT_SCANS.increment();
    }

    /** A query block's first table was read by a range: MySQL's Select_range. */
    void firstTableRanged() {
        sessionSelectRanges++;
        GLOBAL_SELECT_RANGES.increment();
    }

    /** A GROUP BY, DISTINCT or set operation built its hash table; {@code spilled}: it went to disk. */
    void tmpTable() {
        tmpTables++;
        sessionTmpTables++;
        GLOBAL_TMP_TABLES.increment();
    }

    void tmpTableSpilled() { tmpDiskTables++; }

    public long createdTmpTables() { return tmpTables; }

    public long createdTmpDiskTables() { return tmpDiskTables; }

    /** A scan read a whole table or a whole index (EXPLAIN type ALL or index). */
    public boolean noIndexUsed() { return noIndexUsed; }
}
