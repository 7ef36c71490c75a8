package dev.basalt.engine.exec;

/**
 * What the running client statement read from storage: the rows its table and index scans
 * examined (the slow log's Rows_examined) and whether any of them read a whole table or a whole
 * index (MySQL's "no index used", which log_queries_not_using_indexes logs), and how long it
 * waited for row, table and metadata locks (the slow log's Lock_time, as MySQL 8 counts it since
 * 8.0.28: lock waits of every kind, not only table locks), and the rows its sorts produced
 * (Sort_rows).
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
 * UNION / INTERSECT / EXCEPT) count as Created_tmp_tables, and those that spilled to disk also as
 * Created_tmp_disk_tables.
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

    void sorted(long rows) { sortRows += rows; }

    /** Rows the statement's ORDER BY sorts produced (the slow log's Sort_rows, log_slow_extra). */
    public long sortRows() { return sortRows; }

    /** {@code n} storage reads of kind {@code kind} (see the class comment). */
    void read(Read kind, long n) { reads[kind.ordinal()] += n; }

    public long reads(Read kind) { return reads[kind.ordinal()]; }

    /** A sort ran: over a range read ({@code range}) or not, with {@code mergePasses} passes on disk. */
    void sortRan(boolean range, long mergePasses) {
        if (range) sortRangeCount++;
        else sortScanCount++;
        sortMergePasses += mergePasses;
    }

    /** A spilled sort outside {@link SortOperator} (window functions) merged its runs. */
    public void mergePasses(long n) { sortMergePasses += n; }

    public long sortMergePasses() { return sortMergePasses; }

    public long sortRangeCount() { return sortRangeCount; }

    public long sortScanCount() { return sortScanCount; }

    /** A GROUP BY, DISTINCT or set operation built its hash table; {@code spilled}: it went to disk. */
    void tmpTable() { tmpTables++; }

    void tmpTableSpilled() { tmpDiskTables++; }

    public long createdTmpTables() { return tmpTables; }

    public long createdTmpDiskTables() { return tmpDiskTables; }

    /** A scan read a whole table or a whole index (EXPLAIN type ALL or index). */
    public boolean noIndexUsed() { return noIndexUsed; }
}
