package dev.basalt.engine.table;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableData;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.txn.Transaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The engine-wide table layer: hands out {@link TableStore}s (cached per definition) and owns the
 * in-memory AUTO_INCREMENT and hidden row id counters. Also the {@link TableData} the catalog
 * uses for row-level DDL work. Wiring: {@code Tables t = new Tables(); Catalog c = new Catalog(store, t);}
 * Thread-safe.
 */
public final class Tables implements TableData {
    private final ConcurrentHashMap<Integer, TableStore> stores = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> autoIncrement = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> rowIds = new ConcurrentHashMap<>();
    private final RowCounts rowCounts = new RowCounts();
    /** ANALYZE TABLE's persisted figures and histograms, read by the planner. */
    private final dev.basalt.engine.stats.Statistics statistics = new dev.basalt.engine.stats.Statistics();
    /** Definitions committed by DDL since startup (DROPPED for dropped tables). */
    private final ConcurrentHashMap<Integer, Object> committedDefs = new ConcurrentHashMap<>();
    private static final Object DROPPED = new Object();
    private static final Object ABSENT = new Object();

    /** Metadata locks of transactions on the tables they use, and DDL's exclusive ones. */
    private final dev.basalt.engine.lock.TransactionMetadataLocks metadataLocks = new dev.basalt.engine.lock.TransactionMetadataLocks();

    public Tables() { }

    public dev.basalt.engine.lock.TransactionMetadataLocks metadataLocks() { return metadataLocks; }

    /** The store for this definition (cheap; cached while the definition is current). */
    public TableStore store(TableDef def) {
        TableStore s = stores.get(def.tableId());
        if (s != null && (s.def() == def || s.def().equals(def))) return s;
        s = new TableStore(def, this);
        stores.put(def.tableId(), s);
        return s;
    }

    /** Same as {@code store(def).allocateAutoIncrement(txn)}. */
    public long allocateAutoIncrement(Transaction txn, TableDef def) { return store(def).allocateAutoIncrement(txn); }

    /** The value the next AUTO_INCREMENT allocation would return (SHOW TABLE STATUS / information_schema). */
    public long peekAutoIncrement(Transaction txn, TableDef def) { return autoIncrement(txn, store(def)).peek(); }

    /**
     * Approximate number of rows, for cost estimates (the first call per table counts keys;
     * afterwards it is maintained from committed inserts and deletes).
     */
    public long rowCountEstimate(Transaction txn, TableDef def) { return rowCounts.estimate(txn, store(def)); }

    void countRows(Transaction txn, int tableId, long delta) { rowCounts.add(txn, tableId, delta); }

    void countChanged(Transaction txn, int tableId) { rowCounts.changed(txn, tableId); }

    /** {@code listener} hears, after each commit, how many rows it changed per table (automatic statistics). */
    public void onCommittedChanges(ChangeListener listener) { rowCounts.listen(listener); }

    /** Receives the rows a committed transaction changed (inserted, updated, deleted) in one table. */
    @FunctionalInterface
    public interface ChangeListener {
        void committed(int tableId, long rowsChanged);
    }

    /** The optimizer statistics (ANALYZE TABLE, histograms) of every table. */
    public dev.basalt.engine.stats.Statistics statistics() { return statistics; }

    Counter autoIncrement(Transaction txn, TableStore store) {
        TableDef def = store.def();
        Counter c = autoIncrement.get(def.tableId());
        if (c != null) return c;
        synchronized (this) {
            c = autoIncrement.get(def.tableId());
            if (c == null) {
                byte[] key = Keyspace.metaKey(Keyspace.META_AUTO_INCREMENT, def.tableId());
                long next = Math.max(def.options().autoIncrementStart(), Counter.persisted(txn, key));
                next = Math.max(next, store.maxAutoIncrementValue(txn) + 1);
                c = new Counter(key, next);
                autoIncrement.put(def.tableId(), c);
            }
            return c;
        }
    }

    long nextRowId(Transaction txn, TableStore store) {
        int id = store.def().tableId();
        Counter c = rowIds.get(id);
        if (c == null) {
            synchronized (this) {
                c = rowIds.get(id);
                if (c == null) {
                    byte[] key = Keyspace.metaKey(Keyspace.META_ROW_ID, id);
                    long next = Math.max(1, Math.max(Counter.persisted(txn, key), store.maxRowId(txn) + 1));
                    c = new Counter(key, next);
                    rowIds.put(id, c);
                }
            }
        }
        return c.allocate(txn);
    }

    @Override
    public void buildIndex(Transaction txn, TableDef table, IndexDef index) {
        TableStore s = store(table);
        try (RowIterator it = s.scan(txn, false)) {
            long n = 0;
            for (Object[] row = it.next(); row != null; row = it.next()) {
                s.addIndexEntry(txn, index, row);
                // SHOW PROCESSLIST's State, every 4096 rows
                if ((++n & 4095) == 0) dev.basalt.engine.exec.StatementProgress.report("altering table: index " + index.name() + ", " + n + " rows");
            }
        }
        if (index.fulltext()) s.markBuilt(txn, index);
    }

    @Override
    public void indexesEmpty(Transaction txn, TableDef table) { markFulltextBuilt(txn, store(table)); }

    /** Every FULLTEXT index of the table has its entries complete (see FulltextEntries). */
    private static void markFulltextBuilt(Transaction txn, TableStore s) {
        for (IndexDef ix : s.def().secondaryIndexes()) if (ix.fulltext()) s.markBuilt(txn, ix);
    }

    /**
     * Materializes the old rows first: the new rows live in the same key range, and a cursor that
     * saw them would rewrite them twice.
     */
    @Override
    public void rewrite(Transaction txn, TableDef oldDef, TableDef newDef, UnaryOperator<Object[]> rowMapper) {
        TableStore oldStore = store(oldDef);
        List<Object[]> rows = new ArrayList<>();
        try (RowIterator it = oldStore.scan(txn, false)) {
            for (Object[] row = it.next(); row != null; row = it.next()) rows.add(row);
        }
        byte[] rowPrefix = Keyspace.tablePrefix(oldDef.tableId());
        txn.deleteRange(rowPrefix, Keyspace.prefixSuccessor(rowPrefix));
        for (IndexDef ix : oldDef.secondaryIndexes()) {
            byte[] p = Keyspace.indexPrefix(ix.indexId());
            txn.deleteRange(p, Keyspace.prefixSuccessor(p));
        }
        if (oldDef.autoIncrementColumn() < 0 || newDef.autoIncrementColumn() < 0
                || !oldDef.columns().get(oldDef.autoIncrementColumn()).name()
                        .equalsIgnoreCase(newDef.columns().get(newDef.autoIncrementColumn()).name())) {
            autoIncrement.remove(oldDef.tableId());
        }
        stores.remove(oldDef.tableId());
        rowCounts.forget(oldDef.tableId());
        TableStore newStore = store(newDef);
        int oldColumns = oldDef.columns().size();
        int newWidth = newDef.rowWidth();
        int copied = 0;
        for (Object[] row : rows) {
            if ((copied++ & 4095) == 0) { // SHOW PROCESSLIST's State, every 4096 rows
                dev.basalt.engine.exec.StatementProgress.report("copy to tmp table: " + (copied - 1) + " of " + rows.size() + " rows");
            }
            Object[] mapped = rowMapper.apply(Arrays.copyOf(row, oldColumns));
            if (mapped.length < newWidth) mapped = Arrays.copyOf(mapped, newWidth);
            newStore.insert(txn, mapped);
        }
        markFulltextBuilt(txn, newStore);
    }

    /** Commit-time check of DML: the definition it wrote with must still be the table's definition. */
    void checkCurrent(TableDef def) {
        Object latest = committedDefs.get(def.tableId());
        if (latest != null && latest != def && !def.equals(latest)) throw dev.basalt.engine.api.ErrorCode.ER_LOCK_DEADLOCK.error();
    }

    @Override
    public Object commitDefinition(int tableId, TableDef def) {
        Object previous = committedDefs.put(tableId, def == null ? DROPPED : def);
        return previous == null ? ABSENT : previous;
    }

    @Override
    public void restoreDefinition(int tableId, Object token) {
        if (token == ABSENT) committedDefs.remove(tableId);
        else if (token != null) committedDefs.put(tableId, token);
    }

    @Override
    public void forget(TableDef table, boolean truncated) {
        stores.remove(table.tableId());
        autoIncrement.remove(table.tableId());
        rowIds.remove(table.tableId());
        rowCounts.forget(table.tableId());
        statistics.forget(table.tableId());
    }
}
