package dev.basalt.engine.exec;

/**
 * What the running client statement read from storage: the rows its table and index scans
 * examined (the slow log's Rows_examined) and whether any of them read a whole table or a whole
 * index (MySQL's "no index used", which log_queries_not_using_indexes logs), and how long it
 * waited for row, table and metadata locks (the slow log's Lock_time, as MySQL 8 counts it since
 * 8.0.28: lock waits of every kind, not only table locks), and the rows its sorts produced
 * (Sort_rows).
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

    /** Installs {@code scans} for the statement starting on this thread; returns the previous one. */
    public static StatementScans enter(StatementScans scans) {
        StatementScans previous = CURRENT.get();
        CURRENT.set(scans);
        return previous;
    }

    public static void restore(StatementScans previous) {
        CURRENT.set(previous); // set, not remove(): see SessionZone.restore
    }

    /** The running statement's counters, or null outside a client statement (internal work). */
    static StatementScans current() { return CURRENT.get(); }

    /** A new client statement: nothing examined yet. */
    public void reset() {
        rowsExamined = 0;
        noIndexUsed = false;
        lockWaitNanos = 0;
        sortRows = 0;
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

    /** A scan read a whole table or a whole index (EXPLAIN type ALL or index). */
    public boolean noIndexUsed() { return noIndexUsed; }
}
