package dev.basalt.engine.exec;

import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;

import java.util.NavigableSet;
import java.util.function.Supplier;

/**
 * Reads the rows of a native table that an index of its own kind names (FULLTEXT: the rows holding
 * the search words; SPATIAL: the rows whose bounding rectangle meets the search's), in primary key
 * order, each fetched by its key. The condition above it still checks every row. When the index
 * cannot narrow the read ({@code rows} gives null) it reads every row.
 */
public final class RowKeyScanOperator implements Operator {
    private final TableStore store;
    private final Transaction txn;
    private final Supplier<NavigableSet<byte[]>> rows;
    private final String label;
    private final StatementScans scans = StatementScans.current();
    private RowIterator it;
    private boolean wholeTable;
    private long examined;
    /** Reads asked of the iterator, the one that found its end included (log_slow_extra's Read_*). */
    private long calls;

    /** @param label EXPLAIN FORMAT=TREE's line, as MySQL words it ("Full-text index search on t using ft") */
    public RowKeyScanOperator(TableStore store, Transaction txn, Supplier<NavigableSet<byte[]>> rows, String label) {
        this.store = store;
        this.txn = txn;
        this.rows = rows;
        this.label = label;
    }

    @Override public void open() {
        close();
        NavigableSet<byte[]> keys = rows.get();
        wholeTable = keys == null;
        it = wholeTable ? store.scan(txn, false) : store.rows(txn, keys);
    }

    @Override public Object[] next() {
        if (it == null) return null;
        Cancellation.check(); // KILL / max_execution_time: per row read from storage
        calls++;
        Object[] r = it.next();
        if (r != null) examined++;
        return r;
    }

    @Override public void close() {
        if (it == null) return;
        if (scans != null) {
            scans.examined(examined, wholeTable);
            // a whole-table read is rnd_next calls (the end counted); rows by key are rnd_pos calls, one per row
            if (wholeTable) scans.read(StatementScans.Read.RND_NEXT, calls);
            else scans.read(StatementScans.Read.RND, examined);
        }
        examined = 0;
        calls = 0;
        it.close();
        it = null;
    }

    @Override public String explainLabel() { return label; }
}
