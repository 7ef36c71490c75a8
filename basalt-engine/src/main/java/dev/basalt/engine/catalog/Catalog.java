package dev.basalt.engine.catalog;

import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.txn.Transaction;

import java.util.function.UnaryOperator;

/**
 * The schema: databases, tables, indexes, views. Persisted in the same KV store as the data (so
 * DDL and data commit atomically), loaded at startup, and cached as an immutable
 * {@link CatalogSnapshot}. DDL methods write through the given transaction; the transaction's own
 * {@link #snapshot(Transaction)} sees its DDL at once, everyone else after it commits.
 * Thread-safe.
 */
public final class Catalog {

    /** Loads the catalog from the store. {@code data} does row-level DDL work (index builds, rewrites). */
    public Catalog(KvStore store, TableData data) { throw new UnsupportedOperationException(); }

    /** The latest committed schema. */
    public CatalogSnapshot snapshot() { throw new UnsupportedOperationException(); }

    /** The schema as {@code txn} sees it: the latest committed plus its own uncommitted DDL. */
    public CatalogSnapshot snapshot(Transaction txn) { throw new UnsupportedOperationException(); }

    /** 1007 when it exists (unless ifNotExists: returns false). */
    public boolean createDatabase(Transaction txn, DatabaseDef def, boolean ifNotExists) { throw new UnsupportedOperationException(); }

    /** ALTER DATABASE charset/collation; 1049 when missing. */
    public void alterDatabase(Transaction txn, DatabaseDef def) { throw new UnsupportedOperationException(); }

    /** Drops the database with its tables, rows, index entries and views; 1008 unless ifExists. */
    public boolean dropDatabase(Transaction txn, String name, boolean ifExists) { throw new UnsupportedOperationException(); }

    /**
     * CREATE TABLE: validates the spec (1113, 1060, 1061, 1068, 1072, 1075, 1170, 1171), allocates
     * the table id and index ids (ids in the spec are ignored) and returns the stored definition;
     * null when it exists and ifNotExists. 1049 unknown database, 1050 exists.
     */
    public TableDef createTable(Transaction txn, TableDef spec, boolean ifNotExists) { throw new UnsupportedOperationException(); }

    /** DROP TABLE: removes definition, rows, index entries. 1051 "Unknown table 'db.t'" unless ifExists. */
    public boolean dropTable(Transaction txn, String database, String name, boolean ifExists) { throw new UnsupportedOperationException(); }

    /** RENAME TABLE / ALTER TABLE RENAME (across databases too). 1146 missing, 1050 target exists. */
    public TableDef renameTable(Transaction txn, String database, String name, String newDatabase, String newName) { throw new UnsupportedOperationException(); }

    /** TRUNCATE TABLE: deletes all rows and index entries, resets AUTO_INCREMENT. 1146 missing. */
    public void truncateTable(Transaction txn, String database, String name) { throw new UnsupportedOperationException(); }

    /** CREATE INDEX / ADD INDEX: builds entries for existing rows (1062 on duplicates), 1061 name taken. */
    public TableDef createIndex(Transaction txn, String database, String table, IndexDef spec) { throw new UnsupportedOperationException(); }

    /** DROP INDEX (name "PRIMARY" drops the primary key, rewriting rows under hidden ids). 1091 missing. */
    public TableDef dropIndex(Transaction txn, String database, String table, String indexName) { throw new UnsupportedOperationException(); }

    /**
     * ADD COLUMN at {@code position} (index in the new column list; -1 = last). Rows stored before
     * decode with the column's literal default when it is appended; otherwise rows are rewritten.
     * 1060 duplicate name.
     */
    public TableDef addColumn(Transaction txn, String database, String table, ColumnDef column, int position) { throw new UnsupportedOperationException(); }

    /** DROP COLUMN: rewrites rows; indexes lose the column (an index left empty is dropped). 1091 missing. */
    public TableDef dropColumn(Transaction txn, String database, String table, String column) { throw new UnsupportedOperationException(); }

    /**
     * General ALTER TABLE: replaces the definition of table (database, table) by {@code newDef}
     * (its table id is kept; indexes with id 0 get new ids). When {@code rowMapper} is not null
     * every row is rewritten through it (old row -> new row) and all indexes are rebuilt; otherwise
     * new indexes are built and removed ones deleted. Validated like CREATE TABLE.
     */
    public TableDef alterTable(Transaction txn, String database, String table, TableDef newDef, UnaryOperator<Object[]> rowMapper) { throw new UnsupportedOperationException(); }

    /** CREATE [OR REPLACE] VIEW. 1050 when a table or (without orReplace) a view has the name. */
    public void createView(Transaction txn, ViewDef view, boolean orReplace) { throw new UnsupportedOperationException(); }

    /** DROP VIEW. 1051 unless ifExists. */
    public boolean dropView(Transaction txn, String database, String name, boolean ifExists) { throw new UnsupportedOperationException(); }
}
