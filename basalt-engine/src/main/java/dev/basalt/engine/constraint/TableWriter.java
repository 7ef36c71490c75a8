package dev.basalt.engine.constraint;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.catalog.ForeignKeyDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.engine.table.RowIterator;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Values;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one place where statements change the rows of a native table. Around the raw
 * {@link TableStore} operations it applies, inside the statement's transaction:
 * <ul>
 *   <li>generated columns, computed on every inserted or updated row;</li>
 *   <li>CHECK constraints on every inserted or updated row (3819);</li>
 *   <li>FOREIGN KEYs of the table as a child: an inserted or updated row's key must exist in the
 *       parent (1452; a key with a NULL part references nothing);</li>
 *   <li>FOREIGN KEYs of other tables that reference this one: deleting a row or changing its
 *       referenced columns applies ON DELETE / ON UPDATE (RESTRICT and NO ACTION refuse with
 *       1451, CASCADE and SET NULL write the child rows through their own writers, 15 levels at
 *       most: 3008).</li>
 * </ul>
 * Checks run row by row, as InnoDB does. With foreign_key_checks=0 foreign keys are neither
 * checked nor acted on. A failing check throws; the statement's rollback undoes what it wrote.
 *
 * <p>Usage: open one writer per table per statement ({@link #open}) and call {@link #insert},
 * {@link #update} and {@link #delete} with rows as {@link TableStore} takes them (rows read from
 * the table carry their hidden row id). Writers opened with {@link #sameStatement} share the
 * statement's state (multi-table statements).
 */
public final class TableWriter {
    /** InnoDB's limit on nested cascades. */
    static final int MAX_CASCADE_DEPTH = 15;

    private final WriteScope scope;
    private final TableDef def;
    private final TableStore store;
    private CheckEvaluator checks;
    private dev.basalt.engine.partition.Partitioning partitioning;
    private GeneratedColumns generated;
    private List<ForeignKeyLink> parents;
    private List<ForeignKeyLink> children;

    TableWriter(WriteScope scope, TableDef def) {
        this.scope = scope;
        this.def = def;
        this.store = scope.session.engine().tables().store(def);
    }

    /** A writer for {@code def} in a new statement scope. */
    public static TableWriter open(BasaltSession session, Transaction txn, TableDef def) {
        return new WriteScope(session, txn).writer(def);
    }

    /** A writer for another table of the same statement. */
    public TableWriter sameStatement(TableDef other) { return scope.writer(other); }

    public TableDef def() { return def; }

    public TableStore store() { return store; }

    /** Inserts a row (AUTO_INCREMENT filled in place); returns the generated id or 0, as {@link TableStore#insert}. */
    public long insert(Object[] row) {
        return atomically(() -> {
            generated().compute(scope.session, row);
            checks().check(scope.session, row);
            route(row);
            if (scope.foreignKeyChecks) checkParents(row, null);
            return store.insert(scope.txn, row);
        });
    }

    /** Replaces a row read from the table; false when nothing changed, as {@link TableStore#update}. */
    public boolean update(Object[] oldRow, Object[] newRow) {
        return atomically(() -> update(oldRow, newRow, 0));
    }

    /** Deletes a row read from the table, applying ON DELETE of the foreign keys that reference it. */
    public void delete(Object[] row) {
        atomically(() -> {
            delete(row, 0);
            return null;
        });
    }

    /**
     * Runs one row's write with its cascades as a unit: when a check fails after the row or some
     * cascaded rows were written, they are undone, so INSERT/UPDATE IGNORE can skip just that row.
     */
    private <T> T atomically(java.util.function.Supplier<T> write) {
        Transaction.Mark mark = scope.txn.mark();
        try {
            T result = write.get();
            scope.txn.release(mark);
            return result;
        } catch (RuntimeException e) {
            scope.txn.rollbackTo(mark);
            throw e;
        }
    }

    /** Applies the CHECK constraints only (for writers that store rows by other means). */
    public void checkRow(Object[] row) {
        checks().check(scope.session, row);
    }

    /**
     * Checks every stored row against the table's CHECKs and (with foreign_key_checks=1) its
     * foreign keys: what ALTER TABLE ADD CHECK / ADD FOREIGN KEY does with existing rows.
     */
    public void verifyExistingRows() {
        if (checks().isEmpty() && (def.foreignKeys().isEmpty() || !scope.foreignKeyChecks)) return;
        try (RowIterator it = store.scan(scope.txn, false)) {
            for (Object[] r; (r = it.next()) != null; ) {
                checks().check(scope.session, r);
                if (scope.foreignKeyChecks) checkParents(r, null);
            }
        }
    }

    private boolean update(Object[] oldRow, Object[] newRow, int depth) {
        generated().compute(scope.session, newRow);
        checks().check(scope.session, newRow);
        route(newRow);
        if (scope.foreignKeyChecks) checkParents(newRow, oldRow);
        boolean changed = store.update(scope.txn, oldRow, newRow);
        if (changed && scope.foreignKeyChecks) parentChanged(oldRow, newRow, depth);
        return changed;
    }

    private void delete(Object[] row, int depth) {
        // a cascade through a self-referencing table may already have deleted a row the statement selected
        if (depth == 0 && selfReferencing() && scope.txn.get(store.rowKey(row)) == null) return;
        store.delete(scope.txn, row);
        if (scope.foreignKeyChecks) parentChanged(row, null, depth);
    }

    // ---- child side ---------------------------------------------------------------------------

    /** Each foreign key of this table whose columns the row sets (or changes) must find its parent row. */
    private void checkParents(Object[] row, Object[] oldRow) {
        for (ForeignKeyLink link : parents()) {
            if (link.childColumns() == null) continue; // a column was dropped with foreign_key_checks=0
            Object[] key = values(row, link.childColumns());
            if (key == null) continue;
            if (oldRow != null && sameValues(oldRow, row, link.childColumns())) continue;
            if (link.parent() != null && selfReference(link, row, key)) continue;
            if (link.parent() == null || !exists(link.parent(), link.parentIndex(), link.parentColumns(), key, link.child(), link.childColumns())) {
                throw ErrorCode.ER_NO_REFERENCED_ROW_2.error(ForeignKeyText.violation(link.fk(), def.database(), def.name()));
            }
        }
    }

    /** A row of a self-referencing table may reference itself (InnoDB checks after writing the row). */
    private boolean selfReference(ForeignKeyLink link, Object[] row, Object[] key) {
        if (link.parent().tableId() != def.tableId()) return false;
        for (int i = 0; i < key.length; i++) {
            SqlType t = def.columns().get(link.parentColumns()[i]).type();
            Object own = row[link.parentColumns()[i]];
            if (own == null || Values.compare(own, t, key[i], def.columns().get(link.childColumns()[i]).type()) != 0) return false;
        }
        return true;
    }

    // ---- parent side --------------------------------------------------------------------------

    /** A referenced row was deleted ({@code newRow} null) or changed: apply each referencing key's action. */
    private void parentChanged(Object[] oldRow, Object[] newRow, int depth) {
        for (ForeignKeyLink link : children()) {
            if (link.parentColumns() == null || link.childColumns() == null) continue;
            Object[] key = values(oldRow, link.parentColumns());
            if (key == null) continue;
            if (newRow != null && identicalValues(oldRow, newRow, link.parentColumns())) continue;
            ForeignKeyDef.Action action = newRow == null ? link.fk().onDelete() : link.fk().onUpdate();
            boolean writesChildren = action == ForeignKeyDef.Action.CASCADE || action == ForeignKeyDef.Action.SET_NULL;
            List<Object[]> rows = scope.txn.optimisticWrites()
                    ? matching(link.child(), link.childIndex(), link.childColumns(), key, def, link.parentColumns())
                    : currentMatching(link.child(), link.childIndex(), link.childColumns(), key, def, link.parentColumns(),
                            !writesChildren, !writesChildren); // RESTRICT refuses at the first one
            if (rows.isEmpty()) continue;
            if (writesChildren) {
                if (depth >= MAX_CASCADE_DEPTH) throw ErrorCode.ER_FK_DEPTH_EXCEEDED.error(MAX_CASCADE_DEPTH);
                TableWriter child = scope.writer(link.child());
                for (Object[] r : rows) {
                    if (action == ForeignKeyDef.Action.CASCADE && newRow == null) {
                        child.delete(r, depth + 1);
                        continue;
                    }
                    Object[] changed = r.clone();
                    for (int i = 0; i < link.childColumns().length; i++) {
                        changed[link.childColumns()[i]] = action == ForeignKeyDef.Action.SET_NULL ? null : newRow[link.parentColumns()[i]];
                    }
                    child.update(r, changed, depth + 1);
                }
            } else {
                throw ErrorCode.ER_ROW_IS_REFERENCED_2.error(
                        ForeignKeyText.violation(link.fk(), link.child().database(), link.child().name()));
            }
        }
    }

    // ---- lookups ------------------------------------------------------------------------------

    /**
     * Whether a parent row exists; it is locked (like InnoDB's shared lock), so a transaction that
     * deletes or changes it concurrently waits or conflicts instead of leaving an orphan. In a
     * multi-statement transaction the check is InnoDB's current read ({@link #currentMatching}): a
     * parent committed after the snapshot counts, one another transaction is inserting or deleting
     * is waited for, and a parent changed since the snapshot is no longer 1213.
     */
    private boolean exists(TableDef table, IndexDef index, int[] columns, Object[] key, TableDef keyTable, int[] keyColumns) {
        if (!scope.txn.optimisticWrites()) {
            return !currentMatching(table, index, columns, key, keyTable, keyColumns, true, true).isEmpty();
        }
        List<Object[]> rows = matching(table, index, columns, key, keyTable, keyColumns);
        if (rows.isEmpty()) return false;
        // autocommit: the commit check and the server's retry settle races
        scope.session.engine().tables().store(table).lockRow(scope.txn, rows.getFirst());
        return true;
    }

    /**
     * The rows of {@code table} whose {@code columns} equal {@code key}, read as InnoDB's foreign-key
     * checks read in a multi-statement transaction: other transactions' uncommitted inserts into
     * the key's range are waited for, the latest committed rows are read (not the snapshot), and
     * each is locked (in share mode when {@code shared}; exclusively when the caller goes on to
     * write it, as a cascade does) and taken at its latest version. Always waits: an earlier SKIP
     * LOCKED / NOWAIT read of the transaction does not apply to a write's checks.
     */
    private List<Object[]> currentMatching(TableDef table, IndexDef index, int[] columns, Object[] key,
                                           TableDef keyTable, int[] keyColumns, boolean shared, boolean firstOnly) {
        Transaction txn = scope.txn;
        TableStore s = scope.session.engine().tables().store(table);
        boolean exclusive = txn.readLockExclusive();
        Transaction.LockWait wait = txn.readLockWait();
        txn.setReadLockMode(true, Transaction.LockWait.WAIT);
        boolean was = txn.readLatest(true);
        try {
            s.awaitInserts(txn, index, index == null ? null : KeyRange.point(Arrays.asList(key)));
            List<Object[]> out = new ArrayList<>();
            for (Object[] r : matching(table, index, columns, key, keyTable, keyColumns)) {
                Object[] latest = s.lockCurrentRow(txn, r, shared);
                if (latest == null || !sameKey(table, columns, latest, key, keyTable, keyColumns)) continue;
                out.add(latest);
                if (firstOnly) break;
            }
            return out;
        } finally {
            txn.readLatest(was);
            txn.setReadLockMode(exclusive, wait);
        }
    }

    /**
     * Rows of {@code table} whose {@code columns} equal {@code key} (values of {@code keyTable}'s
     * {@code keyColumns}), compared as SQL values (so with the columns' collation).
     */
    private List<Object[]> matching(TableDef table, IndexDef index, int[] columns, Object[] key, TableDef keyTable, int[] keyColumns) {
        TableStore s = scope.session.engine().tables().store(table);
        List<Object[]> out = new ArrayList<>();
        try (RowIterator it = index != null ? s.scanIndex(scope.txn, index, KeyRange.point(Arrays.asList(key)), false)
                : s.scan(scope.txn, false)) {
            for (Object[] r; (r = it.next()) != null; ) {
                if (sameKey(table, columns, r, key, keyTable, keyColumns)) out.add(r);
            }
        }
        return out;
    }

    /** Whether the row's {@code columns} equal {@code key}, compared as SQL values. */
    private static boolean sameKey(TableDef table, int[] columns, Object[] r, Object[] key, TableDef keyTable, int[] keyColumns) {
        for (int i = 0; i < columns.length; i++) {
            Object v = r[columns[i]];
            if (v == null || Values.compare(v, table.columns().get(columns[i]).type(),
                    key[i], keyTable.columns().get(keyColumns[i]).type()) != 0) return false;
        }
        return true;
    }

    /** The values of the columns, or null when one is NULL (such a key references nothing). */
    private static Object[] values(Object[] row, int[] columns) {
        Object[] out = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = row[columns[i]];
            if (out[i] == null) return null;
        }
        return out;
    }

    private boolean sameValues(Object[] a, Object[] b, int[] columns) {
        for (int c : columns) {
            SqlType t = def.columns().get(c).type();
            if (a[c] == null || b[c] == null) {
                if (a[c] != b[c]) return false;
            } else if (Values.compare(a[c], t, b[c], t) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Binary equality: a change of case only is still a change for ON UPDATE, as in InnoDB. */
    private static boolean identicalValues(Object[] a, Object[] b, int[] columns) {
        for (int c : columns) {
            Object x = a[c], y = b[c];
            if (x == null || y == null) {
                if (x != y) return false;
            } else if (x instanceof byte[] bx && y instanceof byte[] by) {
                if (!Arrays.equals(bx, by)) return false;
            } else if (x instanceof BigDecimal dx && y instanceof BigDecimal dy) {
                if (dx.compareTo(dy) != 0) return false;
            } else if (!x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    // ---- lazily resolved definitions ----------------------------------------------------------

    private GeneratedColumns generated() {
        if (generated == null) generated = new GeneratedColumns(def);
        return generated;
    }

    /** ALTER TABLE that adds or changes a generated column: computes it for every stored row. */
    public void recomputeGeneratedColumns() {
        if (generated().isEmpty()) return;
        List<Object[]> rows = new ArrayList<>();
        try (RowIterator it = store.scan(scope.txn, false)) {
            for (Object[] r; (r = it.next()) != null; ) rows.add(r);
        }
        for (Object[] old : rows) {
            Object[] row = old.clone();
            generated().compute(scope.session, row);
            store.update(scope.txn, old, row);
        }
    }

    /** The partition of a partitioned table's row: 1526 when RANGE / LIST has none for it. */
    private void route(Object[] row) {
        if (def.options().partitioning() == null) return;
        if (partitioning == null) partitioning = dev.basalt.engine.partition.Partitioning.of(scope.session, def);
        partitioning.partitionOf(scope.session, row);
    }

    private CheckEvaluator checks() {
        if (checks == null) checks = new CheckEvaluator(def);
        return checks;
    }

    private List<ForeignKeyLink> parents() {
        if (parents == null) {
            parents = new ArrayList<>();
            for (ForeignKeyDef fk : def.foreignKeys()) {
                TableDef parent = fk.references(def.database(), def.name()) ? def
                        : scope.catalog.table(fk.refDatabase(), fk.refTable()).orElse(null);
                parents.add(ForeignKeyLink.resolve(fk, def, parent));
            }
        }
        return parents;
    }

    private boolean selfReferencing() {
        for (ForeignKeyLink l : children()) if (l.child().tableId() == def.tableId()) return true;
        return false;
    }

    private List<ForeignKeyLink> children() {
        if (children == null) {
            children = new ArrayList<>();
            // only tables declaring a foreign key can reference this one (the list is cached per catalog
            // snapshot); when def declares keys the snapshot's version of it does not, look at every table
            List<TableDef> candidates = scope.catalog.tablesWithForeignKeys();
            if (!def.foreignKeys().isEmpty() && candidates.stream().noneMatch(t -> t.tableId() == def.tableId())) {
                candidates = scope.catalog.allTables();
            }
            for (TableDef t : candidates) {
                TableDef child = t.tableId() == def.tableId() ? def : t;
                for (ForeignKeyDef fk : child.foreignKeys()) {
                    if (fk.references(def.database(), def.name())) children.add(ForeignKeyLink.resolve(fk, child, def));
                }
            }
        }
        return children;
    }
}
