package dev.basalt.engine.exec;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.ScanGaps;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a native table: a full scan in primary key order, or one index scan per key range.
 * Ranges are computed at open() time, so bounds that depend on an outer row (correlated
 * subqueries) or on parameters are re-evaluated on every restart.
 */
public final class TableScanOperator implements Operator {
    private final TableStore store;
    private Transaction txn;                         // not final: a kept prepared plan runs in a new one (rebind)
    private final IndexDef index;                    // null: full scan
    private final Supplier<List<KeyRange>> ranges;   // used with an index
    private final boolean reverse;
    private final boolean lockRows;
    private List<KeyRange> current;
    private int rangePos;
    private RowIterator it;
    /** The gap locks of the range being read (locking reads under REPEATABLE READ / SERIALIZABLE). */
    private ScanGaps gaps = ScanGaps.NONE;
    private String alias;
    private String accessType;
    /** A covering scan: secondary index entries only, no row fetch (see TableStore#covers). */
    private boolean indexOnly;
    /** The columns the statement reads (null: all); the others are left null instead of decoded. */
    private boolean[] keep;
    /** The client statement's counters (null for internal work) and the rows read since the last report. */
    private final StatementScans scans = StatementScans.current();
    private long examined;
    /** Reads asked of the open iterator, the one that found its end included (log_slow_extra's Read_*). */
    private long calls;
    /** The key range the open iterator reads (null: a full scan). */
    private KeyRange reading;
    /** The first table of its query block ({@link FirstTable}): its first open counts in Select_scan / Select_range. */
    private boolean firstOfBlock;

    public TableScanOperator(TableStore store, Transaction txn, IndexDef index, Supplier<List<KeyRange>> ranges,
                             boolean reverse, boolean lockRows) {
        this.store = store;
        this.txn = txn;
        this.index = index;
        this.ranges = ranges;
        this.reverse = reverse;
        this.lockRows = lockRows;
    }

    @Override public void open() {
        if (firstOfBlock && scans != null) {
            firstOfBlock = false; // once per statement, as MySQL counts once per optimised block (a correlated one re-opens)
            if (index == null || "index".equals(accessType)) scans.firstTableScanned();
            else if (readsRanges()) scans.firstTableRanged();
        }
        // a locking read reads the latest committed rows, not the snapshot (InnoDB's current read)
        boolean was = lockRows && txn.readLatest(true);
        try {
            openScan();
        } finally {
            if (lockRows) txn.readLatest(was);
        }
    }

    private void openScan() {
        closeIterator();
        if (index == null) {
            current = null;
            if (lockRows) {
                gaps = store.gaps(txn, null, null, reverse);
                store.awaitInserts(txn, null, null);
            }
            it = store.scan(txn, reverse, keep);
        } else {
            current = ranges.get();
            // a backward read takes the ranges (sorted in key order by the planner) last to first
            if (reverse && current.size() > 1) current = current.reversed();
            rangePos = 0;
            it = null;
        }
    }

    @Override public Object[] next() {
        if (!lockRows) return nextRow();
        boolean was = txn.readLatest(true);
        try {
            return nextRow();
        } finally {
            txn.readLatest(was);
        }
    }

    /**
     * OFFSET's rows: passed over in storage without decoding them (a locking read still reads and
     * locks each, as InnoDB does).
     */
    @Override public long skip(long n) {
        if (lockRows) return Operator.super.skip(n);
        long k = 0;
        while (k < n) {
            if (it == null) {
                if (current == null || rangePos >= current.size()) break;
                reading = current.get(rangePos++);
                it = store.scanIndex(txn, index, reading, reverse, indexOnly, keep);
            }
            Cancellation.check();
            calls++;
            if (it.skip()) {
                examined++;
                k++;
                continue;
            }
            closeIterator();
            if (current == null) break;
        }
        return k;
    }

    private Object[] nextRow() {
        while (true) {
            if (it == null) {
                if (current == null || rangePos >= current.size()) return null;
                KeyRange range = current.get(rangePos++);
                reading = range;
                if (lockRows) {
                    gaps = store.gaps(txn, index, range, reverse);
                    store.awaitInserts(txn, index, range); // before the cursor: it then sees what they commit
                }
                it = store.scanIndex(txn, index, range, reverse, indexOnly, keep);
            }
            Cancellation.check(); // KILL / max_execution_time: per row read from storage
            calls++;
            Object[] r = it.next();
            if (r != null) {
                examined++;
                gaps.row(r);
                // a locking read returns the row's latest committed version (InnoDB's current read);
                // the filters above this scan see that version. null: skipped (SKIP LOCKED) or deleted
                if (lockRows && (r = store.lockCurrentRow(txn, r)) == null) continue;
                return r;
            }
            gaps.end();
            gaps = ScanGaps.NONE;
            closeIterator();
            if (current == null) return null;
        }
    }

    private void closeIterator() {
        gaps = ScanGaps.NONE; // stopped early (LIMIT): the rest of the range stays unlocked
        if (it != null && scans != null) {
            scans.examined(examined, index == null || "index".equals(accessType));
            countReads();
            examined = 0;
        }
        calls = 0;
        if (it != null) {
            it.close();
            it = null;
        }
    }

    /**
     * Files the open iterator's reads under MySQL's handler calls: the first as the call that
     * positions (rnd_next on a table scan, index_first / index_last on a whole index, index_read
     * on a key or range), the rest as the calls that move on. A unique-key lookup stops after its
     * row in MySQL, so the read that found nothing more is not counted there.
     */
    private void countReads() {
        if (calls == 0) return;
        StatementScans.Read first, rest;
        if (index == null) {
            first = reverse ? StatementScans.Read.LAST : StatementScans.Read.RND_NEXT;
            rest = reverse ? StatementScans.Read.PREV : StatementScans.Read.RND_NEXT;
        } else {
            boolean whole = "index".equals(accessType);
            first = whole ? (reverse ? StatementScans.Read.LAST : StatementScans.Read.FIRST) : StatementScans.Read.KEY;
            rest = reverse ? StatementScans.Read.PREV : StatementScans.Read.NEXT;
        }
        boolean unique = "const".equals(accessType) || "eq_ref".equals(accessType) || "system".equals(accessType)
                || index != null && uniquePoint(reading);
        scans.read(first, 1);
        if (!unique) scans.read(rest, calls - 1);
    }

    /** A range that is one whole key of a unique index (IN (1, 2, 3) on a primary key): at most one row. */
    private boolean uniquePoint(KeyRange r) {
        if (r == null || !(index.unique() || index.primary()) || r.lower() == null || !r.lowerInclusive() || !r.upperInclusive()
                || !r.lower().equals(r.upper()) || r.lower().size() != index.parts().size()) {
            return false;
        }
        for (Object v : r.lower()) if (v == null) return false; // NULLs repeat in a unique index
        return true;
    }

    /** Whether this reads key ranges (EXPLAIN type range): a sort over it counts as Sort_range_count. */
    boolean readsRanges() { return index != null && "range".equals(accessType); }

    @Override public void close() {
        closeIterator();
        if (current != null) rangePos = current.size();
    }

    /**
     * A prepared statement's kept plan runs again in the transaction of its new execution; the
     * scan must be closed (it is between executions).
     */
    public void rebind(Transaction txn) {
        closeIterator();
        this.txn = txn;
    }

    /** The table read. */
    public TableStore store() { return store; }

    /** Whether this is a locking read (FOR UPDATE / FOR SHARE / SERIALIZABLE). */
    public boolean locksRows() { return lockRows; }

    /** The alias and EXPLAIN access type (ALL, const, eq_ref, ref, range, index) TREE plans show. */
    public TableScanOperator describedAs(String alias, String accessType) {
        this.alias = alias;
        this.accessType = accessType;
        return this;
    }

    /** Marks this scan as its query block's first table (see {@link FirstTable}). */
    void firstOfBlock() { firstOfBlock = true; }

    /** Reads the index alone (the planner checked it holds every column the query needs). */
    public TableScanOperator indexOnly() {
        this.indexOnly = true;
        return this;
    }

    /**
     * Builds only the marked columns of each row (the planner found the block names no other; a
     * locking read always reads whole rows, as it hands them to the lock and gap checks).
     */
    public TableScanOperator decodeOnly(boolean[] columns) {
        if (!lockRows) this.keep = columns;
        return this;
    }

    /** The alias EXPLAIN shows for this table. */
    public String alias() { return alias != null ? alias : store.def().name(); }

    @Override public String explainLabel() {
        String t = alias();
        if (index == null) return "Table scan on " + t;
        String using = " on " + t + " using " + index.name();
        String type = accessType == null ? "" : accessType;
        String covering = indexOnly ? "Covering index" : "Index";
        return switch (type) {
            case "const", "eq_ref", "system" -> (indexOnly ? "Single-row covering index" : "Single-row index") + " lookup" + using + bounds(false);
            case "ref", "ref_or_null" -> covering + " lookup" + using + bounds(false);
            case "range" -> covering + " range scan" + using + (reverse ? " (reverse)" : "") + " over" + bounds(true);
            default -> covering + " scan" + using + (reverse ? " (reverse)" : "");
        };
    }

    /** The key values or ranges read, as MySQL words them; empty when they depend on an outer row. */
    private String bounds(boolean ranges) {
        if (this.ranges instanceof CorrelatedRanges c) return " (" + c.text() + ")";
        List<KeyRange> rs;
        try {
            rs = this.ranges.get();
        } catch (RuntimeException dependsOnOuterRow) {
            return "";
        }
        if (rs == null || rs.isEmpty()) return "";
        int[] cols = index.columns();
        List<String> parts = new ArrayList<>();
        for (KeyRange r : rs) parts.add(ExplainRanges.describe(r, cols, store.def(), ranges));
        return ranges ? " " + String.join(" OR ", parts) : " " + parts.getFirst();
    }
}
