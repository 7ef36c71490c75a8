package dev.basalt.engine.table;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.txn.Transaction;

/**
 * Reads and writes the rows of one table definition inside a transaction. Immutable and
 * thread-safe; get it from {@link Tables#store(TableDef)}.
 *
 * <p>Rows are {@code Object[]} in column order with the Java values of
 * {@link dev.basalt.engine.types.TypeKind}. Tables without a primary key add one trailing slot
 * holding the hidden row id (Long) to the rows they return; update and delete need it there
 * (see {@link TableDef#rowWidth()}). Values must already be converted to the column types
 * (the executor casts and checks NOT NULL); this layer checks PRIMARY/UNIQUE only.
 */
public final class TableStore {

    TableStore(TableDef def, Tables tables) { throw new UnsupportedOperationException(); }

    public TableDef def() { throw new UnsupportedOperationException(); }

    /**
     * Inserts a row. A null in the AUTO_INCREMENT column is replaced (in {@code row}, in place) by
     * a newly allocated value, which is returned; an explicit value above the counter raises it.
     * Returns 0 when nothing was generated. 1062 "Duplicate entry '5' for key 't.PRIMARY'".
     */
    public long insert(Transaction txn, Object[] row) { throw new UnsupportedOperationException(); }

    /**
     * Replaces {@code oldRow} (as read, with its hidden row id if any) by {@code newRow}. Handles a
     * changed primary key and touches only the indexes whose columns changed. 1062 on duplicates.
     */
    public void update(Transaction txn, Object[] oldRow, Object[] newRow) { throw new UnsupportedOperationException(); }

    /** Deletes the row (as read, with its hidden row id if any) and its index entries. */
    public void delete(Transaction txn, Object[] row) { throw new UnsupportedOperationException(); }

    /** All rows in primary key order (hidden row id order without a PK). */
    public RowIterator scan(Transaction txn, boolean reverse) { throw new UnsupportedOperationException(); }

    /** The row with these primary key values (in PK part order), or null. */
    public Object[] get(Transaction txn, Object... primaryKeyValues) { throw new UnsupportedOperationException(); }

    /**
     * Rows whose index key lies in the range, in index order (reverse: descending). Secondary
     * index scans fetch each row by its primary key. For prefix-length indexes the range is
     * approximate: re-check the predicate on the returned rows.
     */
    public RowIterator scanIndex(Transaction txn, IndexDef index, KeyRange range, boolean reverse) { throw new UnsupportedOperationException(); }

    /** Adds the row's key to the transaction's conflict set (SELECT ... FOR UPDATE / FOR SHARE). */
    public void lockRow(Transaction txn, Object[] row) { throw new UnsupportedOperationException(); }

    /** The next AUTO_INCREMENT value (never conflicts between transactions; gaps on rollback). */
    public long allocateAutoIncrement(Transaction txn) { throw new UnsupportedOperationException(); }
}
