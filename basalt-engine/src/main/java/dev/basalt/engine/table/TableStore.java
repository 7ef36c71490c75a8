package dev.basalt.engine.table;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.storage.codec.KeyBuilder;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.storage.codec.RowCodec;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.txn.Transaction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
    private static final byte[] EMPTY = new byte[0];

    private final TableDef def;
    private final Tables tables;
    private final RowCodec codec;
    private final Object[] defaults;
    private final int columnCount;
    private final int width;
    private final boolean hidden;
    private final int autoIncrementColumn;
    private final byte[] rowPrefix;
    private final IndexLayout primary;       // null for hidden row id tables
    private final IndexLayout[] secondary;
    /** The FULLTEXT indexes' inverted entries. */
    private final FulltextEntries[] fulltext;
    /** The SPATIAL indexes' bounding-rectangle entries. */
    private final SpatialEntries[] spatial;
    /** Rejects the commit if DDL replaced this definition meanwhile (rows would miss index entries). */
    private final dev.basalt.engine.txn.CommitCheck definitionCheck;
    /** TIMESTAMP columns: stored in UTC, seen in the session time zone above this class. */
    private final TimestampColumns timestamps;
    /** This table as metadata locks name it. */
    private final dev.basalt.engine.lock.TransactionMetadataLocks.Table lockName;

    TableStore(TableDef def, Tables tables) {
        this.def = def;
        this.tables = tables;
        this.codec = new RowCodec(def.columnTypes());
        this.timestamps = new TimestampColumns(def);
        this.columnCount = def.columns().size();
        this.width = def.rowWidth();
        this.hidden = def.hasHiddenRowId();
        this.autoIncrementColumn = def.autoIncrementColumn();
        this.defaults = new Object[columnCount];
        for (int i = 0; i < columnCount; i++) defaults[i] = def.columns().get(i).storedDefault();
        this.rowPrefix = Keyspace.tablePrefix(def.tableId());
        this.primary = def.primaryKey().map(pk -> new IndexLayout(def, pk, rowPrefix)).orElse(null);
        // FULLTEXT indexes keep an entry per word of a row instead of one per row (FulltextEntries)
        List<IndexDef> sec = def.secondaryIndexes().stream().filter(ix -> !ix.keyless()).toList();
        this.fulltext = def.secondaryIndexes().stream().filter(IndexDef::fulltext)
                .map(ix -> new FulltextEntries(def, ix)).toArray(FulltextEntries[]::new);
        this.spatial = def.secondaryIndexes().stream().filter(IndexDef::spatial).map(SpatialEntries::new).toArray(SpatialEntries[]::new);
        this.secondary = new IndexLayout[sec.size()];
        for (int i = 0; i < secondary.length; i++) {
            IndexDef ix = sec.get(i);
            secondary[i] = new IndexLayout(def, ix, Keyspace.indexPrefix(ix.indexId()));
        }
        this.definitionCheck = sequence -> tables.checkCurrent(def);
        this.lockName = tables.metadataLocks().table(def.tableId(), def.database(), def.name());
    }

    /** The transaction holds a shared metadata lock on the table until it ends (MySQL's SHARED_READ / SHARED_WRITE). */
    private void used(Transaction txn, boolean write) {
        dev.basalt.engine.lock.TableUseRecorder.use(txn, tables.metadataLocks(), lockName, write);
    }

    public TableDef def() { return def; }

    // ---------------------------------------------------------------- keys

    /** The primary key part of the row key (without the table prefix). */
    private byte[] pkSuffix(Object[] row) {
        if (hidden) return Keyspace.longBytes(hiddenId(row));
        KeyBuilder b = new KeyBuilder(32);
        primary.appendParts(b, row);
        return b.toBytes();
    }

    private long hiddenId(Object[] row) {
        if (row.length <= columnCount || row[columnCount] == null)
            throw new IllegalArgumentException("row of " + def.qualifiedName() + " lacks its hidden row id");
        return ((Number) row[columnCount]).longValue();
    }

    private byte[] rowKey(byte[] pkSuffix) {
        byte[] k = Arrays.copyOf(rowPrefix, rowPrefix.length + pkSuffix.length);
        System.arraycopy(pkSuffix, 0, k, rowPrefix.length, pkSuffix.length);
        return k;
    }

    /**
     * The primary key bytes (as {@link dev.basalt.engine.fulltext.InvertedIndex} names rows) of the row
     * with these primary key values, in PK part order; for a table with a hidden row id, its row id
     * (null when the value is not one).
     */
    public byte[] primaryKeyBytes(Object[] primaryKeyValues) {
        if (hidden) return primaryKeyValues.length == 1 && primaryKeyValues[0] instanceof Number id ? Keyspace.longBytes(id.longValue()) : null;
        Object[] row = new Object[columnCount];
        for (int i = 0; i < primary.columns.length; i++) row[primary.columns[i]] = primaryKeyValues[i];
        return pkSuffix(timestamps.toStored(row));
    }

    /** The KV key of the row (as read; with its hidden row id if the table has one). */
    public byte[] rowKey(Object[] row) { return rowKey(pkSuffix(timestamps.toStored(row))); }

    /**
     * The entry key of a secondary index. Unique entries without NULL parts omit the PK, so that
     * two rows with the same values collide on one key.
     */
    private static byte[] entryKey(IndexLayout ix, Object[] row, byte[] pkSuffix) {
        KeyBuilder b = new KeyBuilder(ix.prefix.length + 32 + pkSuffix.length);
        b.appendRaw(ix.prefix);
        ix.appendParts(b, row);
        if (!ix.index.unique() || ix.anyNull(row)) b.appendRaw(pkSuffix);
        return b.toBytes();
    }

    private static byte[] entryValue(IndexLayout ix, byte[] pkSuffix) { return ix.index.unique() ? pkSuffix : EMPTY; }

    private static boolean collides(IndexLayout ix, Object[] row) { return ix.index.unique() && !ix.anyNull(row); }

    // ---------------------------------------------------------------- writes

    /**
     * Inserts a row. A null in the AUTO_INCREMENT column is replaced (in {@code row}, in place) by
     * a newly allocated value, which is returned; an explicit value above the counter raises it.
     * Returns 0 when nothing was generated. 1062 "Duplicate entry '5' for key 't.PRIMARY'".
     * For a table with a hidden row id, a row array with a spare trailing slot receives the id.
     */
    public long insert(Transaction txn, Object[] row) {
        Object[] stored = timestamps.toStored(row);
        if (stored == row) return insertStored(txn, row);
        long generated = insertStored(txn, stored);
        // the generated AUTO_INCREMENT value and hidden row id go back to the caller's row
        for (int i = 0; i < row.length && i < stored.length; i++) if (!timestamps.isTimestamp(i)) row[i] = stored[i];
        return generated;
    }

    private long insertStored(Transaction txn, Object[] row) {
        txn.checkWritable();
        used(txn, true);
        txn.onValidate(this, definitionCheck);
        long generated = 0;
        if (autoIncrementColumn >= 0) {
            Object v = row[autoIncrementColumn];
            if (v == null) {
                generated = allocateAutoIncrement(txn);
                row[autoIncrementColumn] = generated;
            } else {
                observeExplicit(txn, v);
            }
        }
        byte[] pk;
        if (hidden) {
            long id = tables.nextRowId(txn, this);
            if (row.length > columnCount) row[columnCount] = id;
            pk = Keyspace.longBytes(id);
        } else {
            pk = pkSuffix(row);
        }
        byte[] key = rowKey(pk);
        // duplicates are looked for in the latest committed state (InnoDB), waiting for uncommitted writers
        if (!hidden && txn.getCurrent(key) != null) throw primary.duplicate(shown(row));
        byte[][] entries = new byte[secondary.length][];
        for (int i = 0; i < secondary.length; i++) {
            IndexLayout ix = secondary[i];
            entries[i] = entryKey(ix, row, pk);
            if (collides(ix, row) && txn.getCurrent(entries[i]) != null) throw ix.duplicate(shown(row));
        }
        txn.put(key, codec.encode(row));
        txn.markInserted(key);
        // entries that carry the row key follow the row's lock; unique ones are checked on their own
        for (int i = 0; i < secondary.length; i++) {
            putEntry(txn, secondary[i], row, entries[i], pk);
            txn.markInserted(entries[i]);
        }
        // word and rectangle entries are read by no locking read (see FulltextAccess, SpatialAccess): not marked
        for (FulltextEntries f : fulltext) f.put(txn, row, pk);
        for (SpatialEntries sp : spatial) sp.put(txn, row, pk);
        tables.countRows(txn, def.tableId(), 1);
        return generated;
    }

    /**
     * Replaces {@code oldRow} (as read, with its hidden row id if any) by {@code newRow}. Handles a
     * changed primary key and touches only the indexes whose columns changed. 1062 on duplicates.
     * Returns false, writing nothing, when no column value changed (MySQL's "Changed: 0").
     */
    public boolean update(Transaction txn, Object[] oldRow, Object[] newRow) {
        Object[] storedNew = timestamps.toStored(newRow);
        boolean changed = updateStored(txn, timestamps.toStored(oldRow), storedNew);
        if (changed) tables.countChanged(txn, def.tableId());
        // a hidden row id taken over from the old row goes back to the caller's row
        if (storedNew != newRow && hidden && newRow.length > columnCount) newRow[columnCount] = storedNew[columnCount];
        return changed;
    }

    private boolean updateStored(Transaction txn, Object[] oldRow, Object[] newRow) {
        txn.checkWritable();
        used(txn, true);
        boolean changed = false;
        for (int i = 0; i < columnCount && !changed; i++) changed = !identical(oldRow[i], newRow[i]);
        if (!changed) return false;
        txn.onValidate(this, definitionCheck);
        if (hidden && newRow.length > columnCount && newRow[columnCount] == null) newRow[columnCount] = oldRow[columnCount];
        if (autoIncrementColumn >= 0 && newRow[autoIncrementColumn] != null
                && !sameValue(oldRow[autoIncrementColumn], newRow[autoIncrementColumn])) {
            observeExplicit(txn, newRow[autoIncrementColumn]);
        }
        byte[] oldPk = pkSuffix(oldRow);
        byte[] newPk = hidden ? oldPk : (primaryChanged(oldRow, newRow) ? pkSuffix(newRow) : oldPk);
        boolean pkChanged = !Arrays.equals(oldPk, newPk);
        byte[] newKey = rowKey(newPk);
        if (pkChanged && txn.getCurrent(newKey) != null) throw primary.duplicate(shown(newRow));

        byte[][] oldEntries = new byte[secondary.length][];
        byte[][] newEntries = new byte[secondary.length][];
        for (int i = 0; i < secondary.length; i++) {
            IndexLayout ix = secondary[i];
            if (!pkChanged && !columnsChanged(ix.columns, oldRow, newRow)) continue;
            byte[] o = entryKey(ix, oldRow, oldPk);
            byte[] n = entryKey(ix, newRow, newPk);
            if (Arrays.equals(o, n) && !(ix.index.unique() && pkChanged)) continue;
            if (collides(ix, newRow)) {
                byte[] owner = txn.getCurrent(n);
                if (owner != null && !Arrays.equals(owner, oldPk)) throw ix.duplicate(shown(newRow));
            }
            oldEntries[i] = o;
            newEntries[i] = n;
        }
        if (pkChanged) txn.delete(rowKey(oldPk));
        txn.put(newKey, codec.encode(newRow));
        if (pkChanged) txn.markInserted(newKey);
        for (int i = 0; i < secondary.length; i++) {
            if (newEntries[i] == null) continue;
            // the old entry belongs to the row just written (and so checked): see Transaction.putUnderRowLock
            if (!Arrays.equals(oldEntries[i], newEntries[i])) txn.deleteUnderRowLock(oldEntries[i]);
            putEntry(txn, secondary[i], newRow, newEntries[i], newPk);
            if (!Arrays.equals(oldEntries[i], newEntries[i])) txn.markInserted(newEntries[i]);
        }
        for (FulltextEntries f : fulltext) {
            if (pkChanged || columnsChanged(f.columns, oldRow, newRow)) f.update(txn, oldRow, oldPk, newRow, newPk);
        }
        for (SpatialEntries sp : spatial) {
            if (!pkChanged && sameValue(oldRow[sp.column], newRow[sp.column])) continue;
            sp.delete(txn, oldRow, oldPk);
            sp.put(txn, newRow, newPk);
        }
        return true;
    }

    /** Same stored value: unlike {@link #sameValue}, 1.0 vs 1.00 and 'a' vs 'A' count as changes. */
    private static boolean identical(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        return a.equals(b);
    }

    /** Deletes the row (as read, with its hidden row id if any) and its index entries. */
    public void delete(Transaction txn, Object[] row) {
        row = timestamps.toStored(row);
        txn.checkWritable();
        used(txn, true);
        txn.onValidate(this, definitionCheck);
        byte[] pk = pkSuffix(row);
        txn.delete(rowKey(pk));
        for (IndexLayout ix : secondary) txn.deleteUnderRowLock(entryKey(ix, row, pk)); // the row's own entries
        for (FulltextEntries f : fulltext) f.delete(txn, row, pk);
        for (SpatialEntries sp : spatial) sp.delete(txn, row, pk);
        tables.countRows(txn, def.tableId(), -1);
    }

    /**
     * Locks the row for a locking read; false when SKIP LOCKED passes over it. A row another
     * transaction committed after the snapshot fails with 1213 (callers that cannot use a newer
     * version, such as a foreign key's parent check); scans use {@link #lockCurrentRow}.
     */
    public boolean lockRow(Transaction txn, Object[] row) { return txn.lockForUpdate(rowKey(row)); }

    /**
     * Locks the row (as read from this transaction's snapshot) and returns its latest committed
     * version, InnoDB's current read: {@code row} itself when it is the latest, a newer version a
     * concurrent transaction committed, or null when SKIP LOCKED passes over it or it was deleted.
     */
    public Object[] lockCurrentRow(Transaction txn, Object[] row) {
        return lockCurrentRow(txn, row, txn.readsShared(def.tableId()));
    }

    /** {@link #lockCurrentRow(Transaction, Object[])} in share mode when {@code shared}, whatever the read lock mode. */
    public Object[] lockCurrentRow(Transaction txn, Object[] row, boolean shared) {
        byte[] key = rowKey(row);
        return switch (txn.lockCurrent(key, shared)) {
            case AS_SEEN -> row;
            case CHANGED -> decode(key, txn.currentValue(key));
            case SKIPPED, GONE -> null;
        };
    }

    /**
     * Writes a secondary entry of a row this transaction just wrote: an entry that carries the
     * row key is covered by the row's lock; a unique entry (shared by every row with those values)
     * gets its own conflict check.
     */
    private static void putEntry(Transaction txn, IndexLayout ix, Object[] row, byte[] entry, byte[] pk) {
        if (collides(ix, row)) txn.put(entry, entryValue(ix, pk));
        else txn.putUnderRowLock(entry, entryValue(ix, pk));
    }

    private boolean primaryChanged(Object[] a, Object[] b) { return columnsChanged(primary.columns, a, b); }

    private static boolean columnsChanged(int[] columns, Object[] a, Object[] b) {
        for (int c : columns) if (!sameValue(a[c], b[c])) return true;
        return false;
    }

    /** Conservative equality: false may still encode equal (e.g. 'a' vs 'A'), which the key compare catches. */
    private static boolean sameValue(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y) == 0;
        return Objects.equals(a, b);
    }

    // ---------------------------------------------------------------- index maintenance for DDL

    /** Writes one secondary index's entry for an existing row (index build); 1062 on a clash. */
    void addIndexEntry(Transaction txn, IndexDef index, Object[] row) {
        row = timestamps.toStored(row);
        if (index.fulltext()) {
            fulltextEntries(index).put(txn, row, pkSuffix(row));
            return;
        }
        if (index.spatial()) {
            spatialEntries(index).put(txn, row, pkSuffix(row));
            return;
        }
        IndexLayout ix = layout(index);
        byte[] pk = pkSuffix(row);
        byte[] key = entryKey(ix, row, pk);
        if (collides(ix, row) && txn.get(key) != null) throw ix.duplicate(shown(row));
        txn.put(key, entryValue(ix, pk));
    }

    /**
     * Builds the entries of this table's FULLTEXT indexes that were never built: created by a
     * Basalt that kept no entries (any entries found are those of rows written since, and are
     * replaced). Returns the names of the indexes built, none when all were complete.
     */
    public List<String> buildUnbuiltFulltext(Transaction txn) {
        List<String> built = new ArrayList<>();
        for (FulltextEntries f : fulltext) {
            if (f.built(txn)) continue;
            f.clear(txn);
            try (RowIterator it = scan(txn, false)) {
                for (Object[] row = it.next(); row != null; row = it.next()) addIndexEntry(txn, f.index, row);
            }
            f.markBuilt(txn);
            built.add(f.index.name());
        }
        return built;
    }

    /** Marks a FULLTEXT index's entries complete: built over the rows, or the table is new or empty. */
    void markBuilt(Transaction txn, IndexDef index) { fulltextEntries(index).markBuilt(txn); }

    private FulltextEntries fulltextEntries(IndexDef index) {
        for (FulltextEntries f : fulltext) if (f.index.indexId() == index.indexId()) return f;
        throw new IllegalArgumentException("index " + index.name() + " is not a FULLTEXT index of " + def.qualifiedName());
    }

    /**
     * A FULLTEXT index's entries for MATCH, or null when they cannot serve it: never built (an index
     * created before entries were kept) or folded otherwise than the MATCH compares words.
     */
    public dev.basalt.engine.fulltext.InvertedIndex invertedIndex(Transaction txn, IndexDef index, boolean fold) {
        used(txn, false);
        FulltextEntries f = fulltextEntries(index);
        return f.folds() == fold ? f.reader(txn, this) : null;
    }

    private SpatialEntries spatialEntries(IndexDef index) {
        for (SpatialEntries sp : spatial) if (sp.index.indexId() == index.indexId()) return sp;
        throw new IllegalArgumentException("index " + index.name() + " is not a SPATIAL index of " + def.qualifiedName());
    }

    /** The rows (primary key bytes, for {@link #rows}) whose value's bounding rectangle in a SPATIAL index meets the window. */
    public java.util.NavigableSet<byte[]> spatialRows(Transaction txn, IndexDef index, org.locationtech.jts.geom.Envelope window) {
        used(txn, false);
        return spatialEntries(index).rowsMeeting(txn, window);
    }

    /** As {@link #spatialRows}, plus every row whose rectangle is at least {@code alwaysWidth} wide. */
    public java.util.NavigableSet<byte[]> spatialRows(Transaction txn, IndexDef index, org.locationtech.jts.geom.Envelope window,
            double alwaysWidth) {
        used(txn, false);
        return spatialEntries(index).rowsMeeting(txn, window, alwaysWidth);
    }

    /** The rows with these primary key bytes (as an {@link dev.basalt.engine.fulltext.InvertedIndex} names them), in the given order. */
    public RowIterator rows(Transaction txn, Iterable<byte[]> primaryKeys) {
        used(txn, false);
        java.util.Iterator<byte[]> keys = primaryKeys.iterator();
        return new RowIterator() {
            @Override public Object[] next() {
                while (keys.hasNext()) {
                    byte[] key = rowKey(keys.next());
                    byte[] v = txn.get(key);
                    if (v != null) return decode(key, v);
                }
                return null;
            }

            @Override public void close() { }
        };
    }

    private IndexLayout layout(IndexDef index) {
        if (index.primary()) {
            if (primary == null) throw new IllegalArgumentException("no primary key");
            return primary;
        }
        for (IndexLayout ix : secondary) if (ix.index.indexId() == index.indexId()) return ix;
        throw new IllegalArgumentException("index " + index.name() + " is not part of " + def.qualifiedName());
    }

    // ---------------------------------------------------------------- reads

    /** All rows in primary key order (hidden row id order without a PK). */
    public RowIterator scan(Transaction txn, boolean reverse) { return scan(txn, reverse, null); }

    /** As {@link #scan(Transaction, boolean)}, building only the columns {@code keep} marks (null: all; see {@link #decode}). */
    public RowIterator scan(Transaction txn, boolean reverse, boolean[] keep) {
        used(txn, false);
        byte[] to = Keyspace.prefixSuccessor(rowPrefix);
        return new RowScan(reverse ? txn.scanReverse(rowPrefix, to) : txn.scan(rowPrefix, to), keep);
    }

    /** The row with these primary key values (in PK part order), or null; for a hidden-id table pass the row id. */
    public Object[] get(Transaction txn, Object... primaryKeyValues) {
        used(txn, false);
        byte[] key;
        if (hidden) {
            key = rowKey(Keyspace.longBytes(((Number) primaryKeyValues[0]).longValue()));
        } else {
            KeyBuilder b = new KeyBuilder(32).appendRaw(rowPrefix);
            primary.appendBound(b, timestamps.boundToStored(Arrays.asList(primaryKeyValues), primary.columns));
            key = b.toBytes();
        }
        byte[] v = txn.get(key);
        return v == null ? null : decode(key, v);
    }

    /**
     * Rows whose index key lies in the range, in index order (reverse: descending). Secondary
     * index scans fetch each row by its primary key. For prefix-length indexes the range is
     * approximate: re-check the predicate on the returned rows.
     */
    public RowIterator scanIndex(Transaction txn, IndexDef index, KeyRange range, boolean reverse) {
        return scanIndex(txn, index, range, reverse, false);
    }

    /**
     * With {@code indexOnly} (a covering scan, see {@link #covers}), rows of a secondary index are
     * built from its entries alone: the index parts and primary key columns, other columns null.
     */
    public RowIterator scanIndex(Transaction txn, IndexDef index, KeyRange range, boolean reverse, boolean indexOnly) {
        return scanIndex(txn, index, range, reverse, indexOnly, null);
    }

    /**
     * As {@link #scanIndex(Transaction, IndexDef, KeyRange, boolean, boolean)}, building only the
     * columns {@code keep} marks from fetched rows (null: all; the others are null, see {@link #decode}).
     */
    public RowIterator scanIndex(Transaction txn, IndexDef index, KeyRange range, boolean reverse, boolean indexOnly,
                                 boolean[] keep) {
        used(txn, false);
        IndexLayout ix = layout(index);
        range = storedRange(ix, range);
        if (isUniquePoint(ix, range)) return pointLookup(txn, ix, range.lower(), keep);
        byte[][] kv = kvRange(ix, range);
        if (kv == null) return EmptyRows.INSTANCE;
        KvCursor c = reverse ? txn.scanReverse(kv[0], kv[1]) : txn.scan(kv[0], kv[1]);
        if (index.primary()) return new RowScan(c, keep);
        return indexOnly ? new IndexOnlyScan(new IndexEntryDecoder(ix, primary, width), c) : new IndexLookup(txn, ix, c, keep);
    }

    /**
     * The KV keys [from, to) an index range reads ({@code to} null: unbounded), or null when the
     * range is empty. For prefix-length indexes the range is widened to whole prefixes.
     */
    private static byte[][] kvRange(IndexLayout ix, KeyRange range) {
        boolean approximate = ix.hasPrefixPart;
        byte[] from = range.lower() == null ? ix.prefix
                : bound(ix, range.lower(), !(range.lowerInclusive() || approximate));
        byte[] to = range.upper() == null ? Keyspace.prefixSuccessor(ix.prefix)
                : bound(ix, range.upper(), range.upperInclusive() || approximate);
        if (to != null && Arrays.compareUnsigned(from, to) >= 0) return null;
        return new byte[][] {from, to};
    }

    /**
     * Before a locking read of this table ({@code index} null: a full scan; else one range of the
     * index) opens its cursor: waits for other transactions' uncommitted inserts into the range
     * (see {@link Transaction#awaitInserts}).
     */
    public void awaitInserts(Transaction txn, IndexDef index, KeyRange range) {
        if (index == null) {
            txn.awaitInserts(rowPrefix, Keyspace.prefixSuccessor(rowPrefix));
            return;
        }
        IndexLayout ix = layout(index);
        byte[][] kv = kvRange(ix, storedRange(ix, range));
        if (kv != null) txn.awaitInserts(kv[0], kv[1]);
    }

    /**
     * The gap locks of a locking read of this table ({@code index} null: a full scan; else one
     * range of the index), read in the given direction; see {@link ScanGaps}. A unique-key
     * equality locks its gap only if it finds no row (InnoDB locks just the row it finds).
     */
    public ScanGaps gaps(Transaction txn, IndexDef index, KeyRange range, boolean reverse) {
        if (!txn.gapLocking()) return ScanGaps.NONE;
        if (index == null) {
            byte[][] all = {rowPrefix, Keyspace.prefixSuccessor(rowPrefix)};
            return new ScanGaps(txn, () -> all, reverse, false, this::rowKey);
        }
        IndexLayout ix = layout(index);
        KeyRange inStore = storedRange(ix, range);
        // bounds are built only when locked: a unique-key equality that finds its row never needs them
        java.util.function.Supplier<byte[][]> bounds = () -> kvRange(ix, inStore);
        boolean point = isUniquePoint(ix, inStore);
        if (index.primary()) return new ScanGaps(txn, bounds, reverse, point, this::rowKey);
        return new ScanGaps(txn, bounds, reverse, point, row -> {
            Object[] stored = timestamps.toStored(row);
            return entryKey(ix, stored, pkSuffix(stored));
        });
    }

    /**
     * Whether reading only the secondary index gives every one of the columns (entry parts plus
     * primary key columns, in a key encoding that reads back; no TIMESTAMP, which keys hold in UTC).
     */
    public boolean covers(IndexDef index, java.util.BitSet columns) {
        if (index.primary() || index.keyless() || primary == null) return false;
        IndexLayout ix = layout(index);
        java.util.BitSet readable = new java.util.BitSet();
        for (IndexLayout l : new IndexLayout[]{ix, primary}) {
            for (int i = 0; i < l.columns.length; i++) {
                if (!l.descending[i] && l.prefixLengths[i] == 0 && IndexEntryDecoder.decodable(l.types[i])) readable.set(l.columns[i]);
            }
        }
        java.util.BitSet missing = (java.util.BitSet) columns.clone();
        missing.andNot(readable);
        return missing.isEmpty();
    }

    /** A point on every part of a unique index without NULLs or prefix parts: at most one row, found by get. */
    private static boolean isUniquePoint(IndexLayout ix, KeyRange range) {
        if (!ix.index.unique() || ix.hasPrefixPart) return false;
        List<Object> lo = range.lower();
        if (lo == null || lo != range.upper() && !lo.equals(range.upper())) return false;
        if (!range.lowerInclusive() || !range.upperInclusive() || lo.size() != ix.columns.length) return false;
        for (Object v : lo) if (v == null) return false;
        return true;
    }

    private RowIterator pointLookup(Transaction txn, IndexLayout ix, List<Object> values, boolean[] keep) {
        KeyBuilder b = new KeyBuilder(ix.prefix.length + 16 * values.size()).appendRaw(ix.prefix);
        ix.appendBound(b, values);
        byte[] key = b.toBytes();
        if (!ix.index.primary()) {
            byte[] pk = txn.get(key);
            if (pk == null) return EmptyRows.INSTANCE;
            key = rowKey(pk);
        }
        byte[] v = txn.get(key);
        return v == null ? EmptyRows.INSTANCE : new SingleRow(decode(key, v, keep));
    }

    private static final class SingleRow implements RowIterator {
        private Object[] row;

        SingleRow(Object[] row) { this.row = row; }

        @Override
        public Object[] next() {
            Object[] r = row;
            row = null;
            return r;
        }

        @Override public void close() { row = null; }
    }

    /**
     * Number of index entries in the range without reading rows (one per row). Exact, except for
     * indexes with prefix parts, where the range is widened as in {@link #scanIndex}.
     */
    public long count(Transaction txn, IndexDef index, KeyRange range) {
        IndexLayout ix = layout(index);
        byte[][] kv = kvRange(ix, storedRange(ix, range));
        return kv == null ? 0 : countKeys(txn, kv[0], kv[1]);
    }

    /**
     * The planner's estimate of the entries in a range, as MySQL's records_in_range: counted
     * exactly up to {@code limit} (a bounded key-only read); past it, that count extrapolated over
     * the rest of the range by key positions (the first key, the last counted and the range's
     * last key, one reverse seek; see KeyPositions), so a wide range is not just "big".
     */
    public double estimateEntries(Transaction txn, IndexDef index, KeyRange range, long limit) {
        IndexLayout ix = layout(index);
        byte[][] kv = kvRange(ix, storedRange(ix, range));
        if (kv == null) return 0;
        long n = 0;
        byte[] first = null, reached = null;
        try (KvCursor c = txn.scan(kv[0], kv[1])) {
            while (n < limit && c.next()) {
                if (n == 0) first = c.key();
                n++;
            }
            if (n < limit) return n;
            reached = c.key();
            if (!c.next()) return n;
        }
        byte[] last;
        try (KvCursor c = txn.scanReverse(kv[0], kv[1])) {
            if (!c.next()) return n;
            last = c.key();
        }
        return Math.max(n + 1, KeyPositions.extrapolate(first, reached, last, n));
    }

    /**
     * ANALYZE TABLE's figures for one index: {@code [entries read, distinct prefixes of 1 part,
     * of 2 parts, ...]} from a key-only pass over at most {@code limit} entries (see IndexSampler).
     */
    public long[] distinctPrefixes(Transaction txn, IndexDef index, long limit) {
        IndexLayout ix = layout(index);
        return IndexSampler.distinctPrefixes(txn, ix, ix.prefix, Keyspace.prefixSuccessor(ix.prefix), limit);
    }

    /** The table's optimizer statistics (ANALYZE TABLE), or null when it was never analysed. */
    public dev.basalt.engine.stats.TableStats statistics(Transaction txn) { return tables.statistics().of(txn, def); }

    /** The table's column histograms by lower-case column name. */
    public java.util.Map<String, dev.basalt.engine.stats.Histogram> histograms(Transaction txn) {
        return tables.statistics().histograms(txn, def);
    }

    /** Number of rows (a key-only pass over the table). */
    public long count(Transaction txn) {
        used(txn, false);
        return countKeys(txn, rowPrefix, Keyspace.prefixSuccessor(rowPrefix));
    }

    private static long countKeys(Transaction txn, byte[] from, byte[] to) {
        long n = 0;
        try (KvCursor c = txn.scan(from, to)) {
            while (c.next()) n++;
        }
        return n;
    }

    /** The key of a bound; {@code after} = just past every key that starts with it. */
    private static byte[] bound(IndexLayout ix, List<Object> values, boolean after) {
        KeyBuilder b = new KeyBuilder(ix.prefix.length + 16 * values.size()).appendRaw(ix.prefix);
        ix.appendBound(b, values);
        byte[] p = b.toBytes();
        if (!after) return p;
        byte[] s = Keyspace.prefixSuccessor(p);
        return s == null ? Keyspace.prefixSuccessor(ix.prefix) : s;
    }

    Object[] decode(byte[] key, byte[] value) { return decode(key, value, null); }

    /**
     * A stored row with only the columns {@code keep} marks built (null: all); the others are null.
     * For reads whose block names only those columns (a plain SELECT, see the planner's CoveringScan).
     */
    Object[] decode(byte[] key, byte[] value, boolean[] keep) {
        Object[] row = codec.decode(value, width, defaults, keep);
        if (hidden) row[columnCount] = Keyspace.readLong(key, rowPrefix.length);
        return timestamps.fromStored(row);
    }

    /** A stored row as the session sees it, for 1062's "Duplicate entry" text. */
    private Object[] shown(Object[] storedRow) { return timestamps.fromStored(storedRow.clone()); }

    /** A range over session-local values as a range over the stored (UTC) TIMESTAMP values. */
    private KeyRange storedRange(IndexLayout ix, KeyRange range) {
        if (timestamps.zone() == null) return range;
        List<Object> lo = timestamps.boundToStored(range.lower(), ix.columns);
        List<Object> hi = range.upper() == range.lower() ? lo : timestamps.boundToStored(range.upper(), ix.columns);
        return new KeyRange(lo, range.lowerInclusive(), hi, range.upperInclusive());
    }

    // ---------------------------------------------------------------- auto increment

    /** The next AUTO_INCREMENT value (never conflicts between transactions; gaps on rollback). */
    public long allocateAutoIncrement(Transaction txn) {
        if (autoIncrementColumn < 0) throw new IllegalStateException(def.qualifiedName() + " has no AUTO_INCREMENT column");
        return tables.autoIncrement(txn, this).allocate(txn);
    }

    private void observeExplicit(Transaction txn, Object v) {
        long value;
        if (v instanceof Long l) value = l;
        else if (v instanceof Number n) value = n.longValue();
        else return;
        if (value > 0) tables.autoIncrement(txn, this).observe(txn, value);
    }

    /** Largest AUTO_INCREMENT column value present, or 0 (for counter initialisation). */
    long maxAutoIncrementValue(Transaction txn) {
        IndexLayout leading = null;
        if (primary != null && primary.columns[0] == autoIncrementColumn && !primary.descending[0]) leading = primary;
        for (IndexLayout ix : secondary)
            if (leading == null && ix.columns[0] == autoIncrementColumn && !ix.descending[0]) leading = ix;
        long max = 0;
        if (leading != null) {
            try (RowIterator it = scanIndex(txn, leading.index, KeyRange.all(), true)) {
                Object[] row = it.next();
                if (row != null && row[autoIncrementColumn] instanceof Number n) max = n.longValue();
            }
            return max;
        }
        try (RowIterator it = scan(txn, false)) {
            for (Object[] row = it.next(); row != null; row = it.next())
                if (row[autoIncrementColumn] instanceof Number n) max = Math.max(max, n.longValue());
        }
        return max;
    }

    /** Largest hidden row id present, or 0. */
    long maxRowId(Transaction txn) {
        try (KvCursor c = txn.scanReverse(rowPrefix, Keyspace.prefixSuccessor(rowPrefix))) {
            return c.next() ? Keyspace.readLong(c.key(), rowPrefix.length) : 0;
        }
    }

    List<ColumnDef> columns() { return def.columns(); }

    // ---------------------------------------------------------------- iterators

    private final class RowScan implements RowIterator {
        private final KvCursor cursor;
        private final boolean[] keep;

        RowScan(KvCursor cursor, boolean[] keep) {
            this.cursor = cursor;
            this.keep = keep;
        }

        @Override
        public Object[] next() { return cursor.next() ? decode(cursor.key(), cursor.value(), keep) : null; }

        /** Every entry of the row range is a row: passing over one needs no decoding. */
        @Override
        public boolean skip() { return cursor.next(); }

        @Override
        public void close() { cursor.close(); }
    }

    private final class IndexLookup implements RowIterator {
        private final Transaction txn;
        private final IndexLayout ix;
        private final KvCursor cursor;
        private final boolean[] keep;

        IndexLookup(Transaction txn, IndexLayout ix, KvCursor cursor, boolean[] keep) {
            this.txn = txn;
            this.ix = ix;
            this.cursor = cursor;
            this.keep = keep;
        }

        @Override
        public Object[] next() {
            while (cursor.next()) {
                byte[] pk;
                byte[] entryKey = cursor.key();
                if (ix.index.unique()) {
                    pk = cursor.value();
                } else {
                    int off = ix.skipParts(entryKey);
                    pk = Arrays.copyOfRange(entryKey, off, entryKey.length);
                }
                byte[] key = rowKey(pk);
                byte[] v = txn.get(key);
                if (v != null) return decode(key, v, keep);
            }
            return null;
        }

        @Override
        public void close() { cursor.close(); }
    }

    /** A covering scan: rows from the index entries, no row fetch. */
    private static final class IndexOnlyScan implements RowIterator {
        private final IndexEntryDecoder decoder;
        private final KvCursor cursor;

        IndexOnlyScan(IndexEntryDecoder decoder, KvCursor cursor) {
            this.decoder = decoder;
            this.cursor = cursor;
        }

        @Override public Object[] next() {
            if (!cursor.next()) return null;
            return decoder.decode(cursor.key(), decoder.needsValue() ? cursor.value() : null);
        }

        /** Each entry is one row: passing over it needs no decoding (LIMIT's OFFSET). */
        @Override public boolean skip() { return cursor.next(); }

        @Override public void close() { cursor.close(); }
    }

    private enum EmptyRows implements RowIterator {
        INSTANCE;

        @Override public Object[] next() { return null; }

        @Override public void close() { }
    }
}
