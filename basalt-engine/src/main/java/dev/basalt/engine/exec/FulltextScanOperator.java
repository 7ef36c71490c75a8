package dev.basalt.engine.exec;

import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;

import java.util.NavigableSet;
import java.util.function.Supplier;

/**
 * Reads a native table through a FULLTEXT index (EXPLAIN type fulltext): only the rows the index's
 * entries name for the search, in primary key order, each fetched by its key. The MATCH above it
 * still checks every row. When the entries cannot narrow the search ({@code rows} gives null: the
 * index was never built, or a boolean phrase of stopwords), it reads every row.
 */
public final class FulltextScanOperator implements Operator {
    private final TableStore store;
    private final Transaction txn;
    private final Supplier<NavigableSet<byte[]>> rows;
    private final String alias;
    private final String indexName;
    private final StatementScans scans = StatementScans.current();
    private RowIterator it;
    private boolean wholeTable;
    private long examined;

    public FulltextScanOperator(TableStore store, Transaction txn, Supplier<NavigableSet<byte[]>> rows, String alias,
                                String indexName) {
        this.store = store;
        this.txn = txn;
        this.rows = rows;
        this.alias = alias;
        this.indexName = indexName;
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
        Object[] r = it.next();
        if (r != null) examined++;
        return r;
    }

    @Override public void close() {
        if (it == null) return;
        if (scans != null) scans.examined(examined, wholeTable);
        examined = 0;
        it.close();
        it = null;
    }

    @Override public String explainLabel() { return "Full-text index search on " + alias + " using " + indexName; }
}
