package dev.basalt.engine.catalog;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.txn.Transaction;

import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The schema: databases, tables, indexes, views. Persisted in the same KV store as the data (so
 * DDL and data commit atomically), loaded at startup, and cached as an immutable
 * {@link CatalogSnapshot}. DDL methods write through the given transaction; the transaction's own
 * {@link #snapshot(Transaction)} sees its DDL at once, everyone else after it commits.
 * Thread-safe.
 *
 * <p>Concurrent DDL on the same object conflicts on its meta keys (first committer wins, 1213).
 * Ids come from counters persisted with blind writes, so concurrent DDL never conflicts on them.
 */
public final class Catalog {
    private static final byte KIND_TABLE = 'T', KIND_VIEW = 'V';

    private final TableData data;
    private final AtomicReference<CatalogSnapshot> current = new AtomicReference<>();
    private final AtomicLong nextTableId = new AtomicLong(1);
    private final AtomicLong nextIndexId = new AtomicLong(1);
    private final byte[] tableIdKey = Keyspace.metaKey(Keyspace.META_COUNTER, "table_id");
    private final byte[] indexIdKey = Keyspace.metaKey(Keyspace.META_COUNTER, "index_id");

    /** Uncommitted DDL of one transaction: its view of the schema and the changes to publish. */
    private static final class Pending {
        CatalogSnapshot view;
        final List<UnaryOperator<CatalogSnapshot>> changes = new ArrayList<>();
        /** Tables whose definition this transaction replaces (value) or drops (null). */
        final java.util.LinkedHashMap<Integer, TableDef> tables = new java.util.LinkedHashMap<>();
        /** Tables whose rows this transaction's DDL read (index builds, rewrites, deletes). */
        final Set<Integer> rowReads = new HashSet<>();

        Pending(CatalogSnapshot view) { this.view = view; }
    }

    /** Loads the catalog from the store. {@code data} does row-level DDL work (index builds, rewrites). */
    public Catalog(KvStore store, TableData data) {
        this.data = data;
        current.set(load(store));
    }

    private CatalogSnapshot load(KvStore store) {
        CatalogSnapshot s = CatalogSnapshot.empty();
        try (KvSnapshot snap = store.snapshot()) {
            for (byte[] v : values(snap, Keyspace.META_DATABASE)) s = s.withDatabase(CatalogSerde.database(v));
            int maxIndex = 0, maxTable = 0;
            for (byte[] v : values(snap, Keyspace.META_TABLE)) {
                TableDef t = CatalogSerde.table(v);
                s = s.withTable(t);
                maxTable = Math.max(maxTable, t.tableId());
                for (IndexDef i : t.indexes()) maxIndex = Math.max(maxIndex, i.indexId());
            }
            for (byte[] v : values(snap, Keyspace.META_VIEW)) s = s.withView(CatalogSerde.view(v));
            nextTableId.set(Math.max(maxTable + 1, counter(snap.get(tableIdKey))));
            nextIndexId.set(Math.max(maxIndex + 1, counter(snap.get(indexIdKey))));
        }
        return s;
    }

    private static List<byte[]> values(KvSnapshot snap, byte kind) {
        byte[] p = Keyspace.metaPrefix(kind);
        List<byte[]> out = new ArrayList<>();
        try (KvCursor c = snap.scan(p, Keyspace.prefixSuccessor(p))) {
            while (c.next()) out.add(c.value());
        }
        return out;
    }

    private static long counter(byte[] v) { return v == null ? 1 : ByteBuffer.wrap(v).getLong(); }

    // ---------------------------------------------------------------- snapshots

    /** The latest committed schema. */
    public CatalogSnapshot snapshot() { return current.get(); }

    /**
     * The schema as {@code txn} sees it: the latest committed plus its own uncommitted DDL (txn may
     * be null), with the TEMPORARY tables of the session bound to it ({@link #bindSession}).
     */
    public CatalogSnapshot snapshot(Transaction txn) {
        if (txn == null) return current.get();
        Pending p = (Pending) txn.local(this);
        CatalogSnapshot s = p == null ? current.get() : p.view;
        return txn.local(SESSION_KEY) instanceof Long owner ? s.forSession(owner) : s;
    }

    /** Key of the transaction local naming the session a transaction works for. */
    private static final Object SESSION_KEY = new Object();

    /**
     * Makes {@code txn} work for session {@code sessionId}: its snapshots resolve that session's
     * TEMPORARY tables, which no other session sees.
     */
    public static void bindSession(Transaction txn, long sessionId) { txn.setLocal(SESSION_KEY, sessionId); }

    /** The session (connection id) {@code txn} works for, or 0 (see {@link #bindSession}). */
    public static long sessionOf(Transaction txn) {
        return txn.local(SESSION_KEY) instanceof Long owner ? owner : 0;
    }

    private Pending pending(Transaction txn) {
        Pending p = (Pending) txn.local(this);
        if (p == null) {
            p = new Pending(current.get());
            txn.setLocal(this, p);
            Pending pending = p;
            txn.onCommit(() -> current.updateAndGet(s -> {
                for (UnaryOperator<CatalogSnapshot> c : pending.changes) s = c.apply(s);
                return s;
            }));
            txn.onValidate(pending, new DefinitionSwap(pending));
        }
        return p;
    }

    private void change(Transaction txn, UnaryOperator<CatalogSnapshot> change) {
        Pending p = pending(txn);
        p.view = change.apply(p.view);
        p.changes.add(change);
    }

    /**
     * Marks a table as replaced ({@code def}) or dropped (null) by this transaction. With
     * {@code readsRows}, its commit also fails (1213) if rows of the table were committed after its
     * snapshot: they would be missing from an index built, or survive a truncate or drop done,
     * from that snapshot. Metadata-only changes skip that, so they succeed on busy tables.
     */
    private void touchTable(Transaction txn, int tableId, TableDef def, boolean readsRows) {
        Pending p = pending(txn);
        if (readsRows && p.rowReads.add(tableId)) {
            byte[] rows = Keyspace.tablePrefix(tableId);
            txn.readRange(rows, Keyspace.prefixSuccessor(rows));
        }
        p.tables.put(tableId, def);
    }

    /** On the DDL's serialized commit path: DML still holding the old definitions will fail. */
    private final class DefinitionSwap implements dev.basalt.engine.txn.CommitCheck {
        private final Pending pending;
        private final java.util.Map<Integer, Object> tokens = new java.util.HashMap<>();

        DefinitionSwap(Pending pending) { this.pending = pending; }

        @Override
        public void validate(long sequence) {
            for (var e : pending.tables.entrySet()) tokens.put(e.getKey(), data.commitDefinition(e.getKey(), e.getValue()));
        }

        @Override
        public void undo() {
            for (var e : tokens.entrySet()) data.restoreDefinition(e.getKey(), e.getValue());
            tokens.clear();
        }
    }

    // ---------------------------------------------------------------- databases

    /** 1007 when it exists (unless ifNotExists: returns false). */
    public boolean createDatabase(Transaction txn, DatabaseDef def, boolean ifNotExists) {
        txn.checkWritable();
        NameLimits.check(def.name());
        if (snapshot(txn).hasDatabase(def.name())) {
            if (ifNotExists) return false;
            throw ErrorCode.ER_DB_CREATE_EXISTS.error(def.name());
        }
        txn.put(Keyspace.metaKey(Keyspace.META_DATABASE, def.name()), CatalogSerde.database(def));
        change(txn, s -> s.withDatabase(def));
        return true;
    }

    /** ALTER DATABASE charset/collation; 1049 when missing. */
    public void alterDatabase(Transaction txn, DatabaseDef def) {
        txn.checkWritable();
        requireDatabase(snapshot(txn), def.name());
        txn.put(Keyspace.metaKey(Keyspace.META_DATABASE, def.name()), CatalogSerde.database(def));
        change(txn, s -> s.withDatabase(def));
    }

    /** Drops the database with its tables, rows, index entries and views; 1008 unless ifExists. */
    public boolean dropDatabase(Transaction txn, String name, boolean ifExists) {
        txn.checkWritable();
        CatalogSnapshot s = snapshot(txn);
        if (!s.hasDatabase(name)) {
            if (ifExists) return false;
            throw ErrorCode.ER_DB_DROP_EXISTS.error(name);
        }
        for (TableDef t : s.tables(name)) dropTableData(txn, t);
        for (ViewDef v : s.views(name)) {
            txn.delete(Keyspace.metaKey(Keyspace.META_VIEW, name, v.name()));
            txn.delete(Keyspace.metaKey(Keyspace.META_NAME, name, v.name()));
        }
        txn.delete(Keyspace.metaKey(Keyspace.META_DATABASE, name));
        change(txn, snap -> snap.withoutDatabase(name));
        return true;
    }

    private static void requireDatabase(CatalogSnapshot s, String db) {
        if (!s.hasDatabase(db)) throw ErrorCode.ER_BAD_DB.error(db);
    }

    // ---------------------------------------------------------------- tables

    /**
     * CREATE TABLE: validates the spec (1113, 1060, 1061, 1068, 1072, 1075, 1170; PRIMARY KEY
     * columns become NOT NULL as in MySQL), allocates the table id and index ids (ids in the spec
     * are ignored) and returns the stored definition; null when it exists and ifNotExists.
     * 1049 unknown database, 1050 exists.
     */
    public TableDef createTable(Transaction txn, TableDef spec, boolean ifNotExists) {
        txn.checkWritable();
        CatalogSnapshot s = snapshot(txn);
        requireDatabase(s, spec.database());
        if (s.hasObject(spec.database(), spec.name())) {
            if (ifNotExists && s.table(spec.database(), spec.name()).isPresent()) return null;
            throw ErrorCode.ER_TABLE_EXISTS.error(spec.name());
        }
        TableDef def = TableValidator.validate(spec).withId(allocateTableId(txn));
        def = def.withIndexes(withIds(txn, def.indexes(), false));
        putTable(txn, def);
        txn.put(nameKey(def.database(), def.name()), nameValue(def.tableId(), KIND_TABLE));
        TableDef created = def;
        change(txn, snap -> snap.withTable(created));
        touchTable(txn, def.tableId(), def, false);
        data.indexesEmpty(txn, def);
        return def;
    }

    /**
     * CREATE TEMPORARY TABLE for the session bound to {@code txn}: validated like CREATE TABLE;
     * its definition is never persisted (the session drops it when it ends; rows left by a crash
     * are unreachable) and only that session resolves its name. 1050 when the session already has
     * a temporary table of that name; a base table of the name is shadowed, not an error.
     */
    public TableDef createTemporaryTable(Transaction txn, TableDef spec) {
        txn.checkWritable();
        long owner = sessionOf(txn);
        if (owner == 0) throw new IllegalStateException("temporary table outside a session");
        CatalogSnapshot s = snapshot(txn);
        requireDatabase(s, spec.database());
        if (s.temporaryTable(spec.database(), spec.name()).isPresent()) throw ErrorCode.ER_TABLE_EXISTS.error(spec.name());
        TableDef def = TableValidator.validate(spec).withId(allocateTableId(txn));
        def = def.withIndexes(withIds(txn, def.indexes(), false));
        TableDef created = def;
        change(txn, snap -> snap.withTemporaryTable(created, owner));
        touchTable(txn, def.tableId(), def, false);
        data.indexesEmpty(txn, def);
        return def;
    }

    /** DROP TEMPORARY TABLE: only the bound session's temporary table, never a base table. 1051 unless ifExists. */
    public boolean dropTemporaryTable(Transaction txn, String database, String name, boolean ifExists) {
        txn.checkWritable();
        return dropFound(txn, snapshot(txn).temporaryTable(database, name).orElse(null), database, name, ifExists);
    }

    /** DROP TABLE: removes definition, rows, index entries. 1051 "Unknown table 'db.t'" unless ifExists. */
    public boolean dropTable(Transaction txn, String database, String name, boolean ifExists) {
        txn.checkWritable();
        return dropFound(txn, snapshot(txn).table(database, name).orElse(null), database, name, ifExists);
    }

    /** Drops the table a DROP found, or answers its absence: false with IF EXISTS, else 1051. */
    private boolean dropFound(Transaction txn, TableDef t, String database, String name, boolean ifExists) {
        if (t == null) {
            if (ifExists) return false;
            throw ErrorCode.ER_BAD_TABLE.error(database + "." + name);
        }
        dropTableData(txn, t);
        change(txn, snap -> snap.withoutTable(t.tableId()));
        return true;
    }

    private void dropTableData(Transaction txn, TableDef t) {
        touchTable(txn, t.tableId(), null, true);
        deleteRows(txn, t);
        if (!snapshot(txn).isTemporary(t.tableId())) { // a temporary table has no stored definition
            txn.delete(Keyspace.metaKey(Keyspace.META_TABLE, t.tableId()));
            txn.delete(nameKey(t.database(), t.name()));
        }
        data.forget(t, false);
        txn.onCommit(() -> data.forget(t, false));
    }

    /** Rows, index entries and counters of the table. */
    private static void deleteRows(Transaction txn, TableDef t) {
        byte[] rows = Keyspace.tablePrefix(t.tableId());
        txn.deleteRange(rows, Keyspace.prefixSuccessor(rows));
        for (IndexDef ix : t.secondaryIndexes()) deleteIndexEntries(txn, ix);
        txn.delete(Keyspace.metaKey(Keyspace.META_AUTO_INCREMENT, t.tableId()));
        txn.delete(Keyspace.metaKey(Keyspace.META_ROW_ID, t.tableId()));
        dev.basalt.engine.stats.Statistics.delete(txn, t.tableId());
    }

    private static void deleteIndexEntries(Transaction txn, IndexDef ix) {
        byte[] p = Keyspace.indexPrefix(ix.indexId());
        txn.deleteRange(p, Keyspace.prefixSuccessor(p));
    }

    /** RENAME TABLE / ALTER TABLE RENAME (across databases too). 1146 missing, 1049 bad target database, 1050 target exists. */
    public TableDef renameTable(Transaction txn, String database, String name, String newDatabase, String newName) {
        txn.checkWritable();
        NameLimits.check(newName);
        CatalogSnapshot s = snapshot(txn);
        TableDef t = requireTable(s, database, name);
        requireDatabase(s, newDatabase);
        boolean temporary = s.isTemporary(t.tableId());
        if (temporary ? s.temporaryTable(newDatabase, newName).isPresent() : s.hasObject(newDatabase, newName)) {
            throw ErrorCode.ER_TABLE_EXISTS.error(newName);
        }
        TableDef renamed = referencing(t.withName(newDatabase, newName), database, name, newDatabase, newName);
        if (!temporary) {
            txn.delete(nameKey(database, name));
            txn.put(nameKey(newDatabase, newName), nameValue(t.tableId(), KIND_TABLE));
        }
        putTable(txn, renamed);
        change(txn, snap -> snap.withTable(renamed));
        touchTable(txn, t.tableId(), renamed, false);
        // foreign keys of other tables follow their parent to its new name, as in MySQL
        for (TableDef child : s.allTables()) {
            if (child.tableId() == t.tableId()) continue;
            TableDef moved = referencing(child, database, name, newDatabase, newName);
            if (moved == child) continue;
            putTable(txn, moved);
            change(txn, snap -> snap.withTable(moved));
            touchTable(txn, moved.tableId(), moved, false);
        }
        return renamed;
    }

    /** {@code t} with its foreign keys that reference (db, name) pointing at (newDb, newName); {@code t} itself when none does. */
    private static TableDef referencing(TableDef t, String db, String name, String newDb, String newName) {
        List<ForeignKeyDef> fks = new ArrayList<>();
        boolean changed = false;
        for (ForeignKeyDef fk : t.foreignKeys()) {
            boolean match = fk.references(db, name);
            changed |= match;
            fks.add(match ? fk.withParent(newDb, newName) : fk);
        }
        return changed ? t.withConstraints(t.constraints().withForeignKeys(fks)) : t;
    }

    /** TRUNCATE TABLE: deletes all rows and index entries, resets AUTO_INCREMENT. 1146 missing. */
    public void truncateTable(Transaction txn, String database, String name) {
        txn.checkWritable();
        TableDef t = requireTable(snapshot(txn), database, name);
        touchTable(txn, t.tableId(), t, true);
        deleteRows(txn, t);
        data.indexesEmpty(txn, t);
        data.forget(t, true);
        txn.onCommit(() -> data.forget(t, true));
    }

    private static TableDef requireTable(CatalogSnapshot s, String database, String name) {
        return s.table(database, name).orElseThrow(() -> ErrorCode.ER_NO_SUCH_TABLE.error(database, name));
    }

    // ---------------------------------------------------------------- indexes and columns

    /** CREATE INDEX / ADD INDEX: builds entries for existing rows (1062 on duplicates), 1061 name taken. */
    public TableDef createIndex(Transaction txn, String database, String table, IndexDef spec) {
        txn.checkWritable();
        TableDef t = requireTable(snapshot(txn), database, table);
        if (spec.primary() && t.primaryKey().isPresent()) throw ErrorCode.ER_MULTIPLE_PRI_KEY.error();
        List<IndexDef> indexes = new ArrayList<>(t.indexes());
        indexes.add(spec.withId(0));
        TableDef candidate = TableValidator.validate(t.withIndexes(indexes));
        if (spec.primary()) return alterTable(txn, database, table, candidate, UnaryOperator.identity());
        TableDef def = candidate.withIndexes(withIds(txn, candidate.indexes(), true));
        IndexDef added = def.indexes().stream().filter(i -> t.indexes().stream().noneMatch(o -> o.indexId() == i.indexId()))
                .findFirst().orElseThrow();
        touchTable(txn, def.tableId(), def, true);
        data.buildIndex(txn, def, added);
        return publishTable(txn, def);
    }

    /** DROP INDEX (name "PRIMARY" drops the primary key, rewriting rows under hidden ids). 1091 missing. */
    public TableDef dropIndex(Transaction txn, String database, String table, String indexName) {
        txn.checkWritable();
        TableDef t = requireTable(snapshot(txn), database, table);
        IndexDef ix = t.index(indexName).orElseThrow(() -> ErrorCode.ER_CANT_DROP_FIELD_OR_KEY.error(indexName));
        List<IndexDef> rest = new ArrayList<>(t.indexes());
        rest.remove(ix);
        TableDef candidate = TableValidator.validate(t.withIndexes(rest));
        if (ix.primary()) return alterTable(txn, database, table, candidate, UnaryOperator.identity());
        deleteIndexEntries(txn, ix);
        return publishTable(txn, candidate);
    }

    /**
     * ADD COLUMN at {@code position} (index in the new column list; -1 = last). Rows stored before
     * decode with the column's stored default when it is appended with a constant default;
     * otherwise (AUTO_INCREMENT, CURRENT_TIMESTAMP, or not last) rows are rewritten. A DEFAULT (expr)
     * column gets NULL here: use {@link #alterTable} with a row mapper to evaluate it.
     * 1060 duplicate name.
     */
    public TableDef addColumn(Transaction txn, String database, String table, ColumnDef column, int position) {
        txn.checkWritable();
        TableDef t = requireTable(snapshot(txn), database, table);
        int n = t.columns().size();
        int pos = position < 0 || position > n ? n : position;
        List<ColumnDef> cols = new ArrayList<>(t.columns());
        cols.add(pos, column);
        List<IndexDef> indexes = shiftIndexes(t.indexes(), pos, +1);
        TableDef candidate = TableValidator.validate(t.withColumns(cols).withIndexes(indexes));
        boolean computed = column.autoIncrement() || column.defaultValue() instanceof DefaultValue.CurrentTimestamp;
        if (pos == n && !computed) return publishTable(txn, candidate);
        Object fill = column.defaultValue() instanceof DefaultValue.CurrentTimestamp ts ? now(ts.fsp())
                : column.autoIncrement() ? null : column.storedDefault();
        return alterTable(txn, database, table, candidate, row -> {
            Object[] out = new Object[row.length + 1];
            System.arraycopy(row, 0, out, 0, pos);
            out[pos] = fill;
            System.arraycopy(row, pos, out, pos + 1, row.length - pos);
            return out;
        });
    }

    /** DROP COLUMN: rewrites rows; indexes lose the column (an index left empty is dropped). 1091 missing. */
    public TableDef dropColumn(Transaction txn, String database, String table, String column) {
        txn.checkWritable();
        TableDef t = requireTable(snapshot(txn), database, table);
        int pos = t.columnIndex(column);
        if (pos < 0) throw ErrorCode.ER_CANT_DROP_FIELD_OR_KEY.error(column);
        if (t.columns().size() == 1) throw TableValidator.cantDropAllColumns();
        List<ColumnDef> cols = new ArrayList<>(t.columns());
        cols.remove(pos);
        List<IndexDef> indexes = new ArrayList<>();
        for (IndexDef ix : t.indexes()) {
            List<IndexPart> parts = new ArrayList<>();
            for (IndexPart p : ix.parts()) if (p.column() != pos) parts.add(p);
            if (parts.isEmpty()) continue;
            // a changed index gets a new id so its entries are rebuilt
            indexes.add(ix.withParts(parts).withId(parts.size() == ix.parts().size() ? ix.indexId() : 0));
        }
        indexes = shiftIndexes(indexes, pos + 1, -1);
        TableDef candidate = TableValidator.validate(t.withColumns(cols).withIndexes(indexes));
        return alterTable(txn, database, table, candidate, row -> {
            Object[] out = new Object[row.length - 1];
            System.arraycopy(row, 0, out, 0, pos);
            System.arraycopy(row, pos + 1, out, pos, row.length - pos - 1);
            return out;
        });
    }

    /** Moves index parts on columns at or after {@code from} by {@code delta}. */
    private static List<IndexDef> shiftIndexes(List<IndexDef> indexes, int from, int delta) {
        List<IndexDef> out = new ArrayList<>(indexes.size());
        for (IndexDef ix : indexes) {
            List<IndexPart> parts = new ArrayList<>(ix.parts().size());
            for (IndexPart p : ix.parts()) {
                parts.add(p.column() >= from ? new IndexPart(p.column() + delta, p.prefixLength(), p.descending()) : p);
            }
            out.add(ix.withParts(parts));
        }
        return out;
    }

    /**
     * General ALTER TABLE: replaces the definition of table (database, table) by {@code newDef}
     * (its table id, database and name are kept; indexes with id 0 get new ids). When
     * {@code rowMapper} is not null every row is rewritten through it (old row -> new row, without
     * hidden ids) and all indexes are rebuilt; otherwise new indexes are built and removed ones
     * deleted (the column list may then only grow at the end). Validated like CREATE TABLE.
     */
    public TableDef alterTable(Transaction txn, String database, String table, TableDef newDef, UnaryOperator<Object[]> rowMapper) {
        txn.checkWritable();
        TableDef old = requireTable(snapshot(txn), database, table);
        TableDef candidate = TableValidator.validate(new TableDef(old.tableId(), old.database(), old.name(),
                newDef.columns(), newDef.indexes(), newDef.options(), newDef.constraints()));
        boolean primaryChanged = !old.primaryKey().map(IndexDef::parts).equals(candidate.primaryKey().map(IndexDef::parts));
        if (rowMapper == null && primaryChanged) rowMapper = UnaryOperator.identity();
        if (rowMapper != null) {
            // every index gets a fresh id: the rewrite deletes the old entries by the old ids
            List<IndexDef> fresh = new ArrayList<>();
            for (IndexDef ix : candidate.indexes()) fresh.add(ix.withId(0));
            TableDef def = candidate.withIndexes(withIds(txn, fresh, true));
            touchTable(txn, def.tableId(), def, true); // first, so the swap validates before the rewrite's row checks
            data.rewrite(txn, old, def, rowMapper);
            resetAutoIncrementIfChanged(txn, old, def);
            return publishTable(txn, def);
        }
        TableDef def = candidate.withIndexes(withIds(txn, candidate.indexes(), true));
        Set<Integer> kept = new HashSet<>();
        for (IndexDef ix : def.indexes()) kept.add(ix.indexId());
        for (IndexDef ix : old.secondaryIndexes()) if (!kept.contains(ix.indexId())) deleteIndexEntries(txn, ix);
        Set<Integer> had = new HashSet<>();
        for (IndexDef ix : old.indexes()) had.add(ix.indexId());
        boolean builds = def.secondaryIndexes().stream().anyMatch(ix -> !had.contains(ix.indexId()));
        touchTable(txn, def.tableId(), def, builds);
        for (IndexDef ix : def.secondaryIndexes()) if (!had.contains(ix.indexId())) data.buildIndex(txn, def, ix);
        resetAutoIncrementIfChanged(txn, old, def);
        return publishTable(txn, def);
    }

    /** ALTER TABLE ... AUTO_INCREMENT = n: the counter restarts from max(n, largest value + 1). */
    private void resetAutoIncrementIfChanged(Transaction txn, TableDef old, TableDef def) {
        if (old.options().autoIncrementStart() == def.options().autoIncrementStart()) return;
        txn.delete(Keyspace.metaKey(Keyspace.META_AUTO_INCREMENT, def.tableId()));
        txn.onCommit(() -> data.forget(def, false));
    }

    private TableDef publishTable(Transaction txn, TableDef def) {
        putTable(txn, def);
        change(txn, snap -> snap.withTable(def));
        touchTable(txn, def.tableId(), def, false);
        return def;
    }

    // ---------------------------------------------------------------- views

    /** CREATE [OR REPLACE] VIEW. 1049 unknown database; 1050 when a table or (without orReplace) a view has the name. */
    public void createView(Transaction txn, ViewDef view, boolean orReplace) {
        txn.checkWritable();
        NameLimits.check(view.name());
        CatalogSnapshot s = snapshot(txn);
        requireDatabase(s, view.database());
        if (s.table(view.database(), view.name()).isPresent()
                || (!orReplace && s.view(view.database(), view.name()).isPresent())) {
            throw ErrorCode.ER_TABLE_EXISTS.error(view.name());
        }
        txn.put(Keyspace.metaKey(Keyspace.META_VIEW, view.database(), view.name()), CatalogSerde.view(view));
        txn.put(nameKey(view.database(), view.name()), nameValue(0, KIND_VIEW));
        change(txn, snap -> snap.withView(view));
    }

    /** DROP VIEW. 1051 unless ifExists. */
    public boolean dropView(Transaction txn, String database, String name, boolean ifExists) {
        txn.checkWritable();
        if (snapshot(txn).view(database, name).isEmpty()) {
            if (ifExists) return false;
            throw ErrorCode.ER_BAD_TABLE.error(database + "." + name);
        }
        txn.delete(Keyspace.metaKey(Keyspace.META_VIEW, database, name));
        txn.delete(nameKey(database, name));
        change(txn, snap -> snap.withoutView(database, name));
        return true;
    }

    // ---------------------------------------------------------------- persistence helpers

    /** Stores a base table's definition; a temporary table's lives only in memory. */
    private void putTable(Transaction txn, TableDef def) {
        if (snapshot(txn).isTemporary(def.tableId())) return;
        txn.put(Keyspace.metaKey(Keyspace.META_TABLE, def.tableId()), CatalogSerde.table(def));
    }

    private static byte[] nameKey(String database, String name) { return Keyspace.metaKey(Keyspace.META_NAME, database, name); }

    private static byte[] nameValue(int id, byte kind) { return ByteBuffer.allocate(5).putInt(id).put(kind).array(); }

    private int allocateTableId(Transaction txn) {
        int id = (int) nextTableId.getAndIncrement();
        txn.putBlindLatest(tableIdKey, () -> ByteBuffer.allocate(8).putLong(nextTableId.get()).array());
        return id;
    }

    /** Gives every index with id 0 a new id. */
    private List<IndexDef> withIds(Transaction txn, List<IndexDef> indexes, boolean onlyZero) {
        List<IndexDef> out = new ArrayList<>(indexes.size());
        for (IndexDef ix : indexes) {
            if (ix.indexId() == 0 || !onlyZero) {
                ix = ix.withId((int) nextIndexId.getAndIncrement());
                txn.putBlindLatest(indexIdKey, () -> ByteBuffer.allocate(8).putLong(nextIndexId.get()).array());
            }
            out.add(ix);
        }
        return out;
    }

    /** The current time with {@code fsp} fractional digits, as CURRENT_TIMESTAMP(fsp) gives it. */
    private static LocalDateTime now(int fsp) {
        LocalDateTime t = LocalDateTime.now().truncatedTo(ChronoUnit.MICROS);
        long unit = (long) Math.pow(10, 9 - Math.max(0, Math.min(6, fsp)));
        return t.withNano((int) (t.getNano() / unit * unit));
    }
}
