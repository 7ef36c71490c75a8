package dev.basalt.engine.catalog;

import dev.basalt.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table. {@code indexes} has the PRIMARY KEY first when there is one. A table without a primary
 * key stores rows under a hidden 8-byte row id: rows read from it carry one extra trailing slot
 * (a Long) holding that id, which update/delete use to find the row (see {@link #rowWidth()}).
 * {@code tableId} and index ids are allocated by the catalog (pass 0 in CREATE TABLE specs).
 */
public record TableDef(int tableId, String database, String name, List<ColumnDef> columns,
                       List<IndexDef> indexes, TableOptions options, TableConstraints constraints) {

    /** A table without FOREIGN KEY or CHECK constraints. */
    public TableDef(int tableId, String database, String name, List<ColumnDef> columns,
                    List<IndexDef> indexes, TableOptions options) {
        this(tableId, database, name, columns, indexes, options, TableConstraints.NONE);
    }

    public TableDef {
        if (constraints == null) constraints = TableConstraints.NONE;
        columns = List.copyOf(columns);
        List<IndexDef> sorted = new ArrayList<>(indexes.size());
        for (IndexDef i : indexes) if (i.primary()) sorted.add(i);
        for (IndexDef i : indexes) if (!i.primary()) sorted.add(i);
        indexes = List.copyOf(sorted);
        if (options == null) options = TableOptions.DEFAULT;
    }

    /** Position of the column (case-insensitive), or -1. */
    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equalsIgnoreCase(column)) return i;
        return -1;
    }

    public Optional<ColumnDef> column(String column) {
        int i = columnIndex(column);
        return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
    }

    public Optional<IndexDef> primaryKey() {
        return !indexes.isEmpty() && indexes.getFirst().primary() ? Optional.of(indexes.getFirst()) : Optional.empty();
    }

    /** Index by name (case-insensitive, as MySQL), or empty. */
    public Optional<IndexDef> index(String indexName) {
        for (IndexDef i : indexes) if (i.name().equalsIgnoreCase(indexName)) return Optional.of(i);
        return Optional.empty();
    }

    /** Secondary (non-PRIMARY) indexes. */
    public List<IndexDef> secondaryIndexes() {
        return primaryKey().isPresent() ? indexes.subList(1, indexes.size()) : indexes;
    }

    /**
     * An index whose first parts are exactly these columns in this order, without prefix lengths
     * (what a FOREIGN KEY needs on both sides), or null.
     */
    public IndexDef indexLeadingWith(int[] columns) {
        for (IndexDef ix : indexes) {
            if (ix.parts().size() < columns.length) continue;
            boolean ok = true;
            for (int i = 0; i < columns.length && ok; i++) {
                ok = ix.parts().get(i).column() == columns[i] && ix.parts().get(i).prefixLength() <= 0;
            }
            if (ok) return ix;
        }
        return null;
    }

    public boolean hasHiddenRowId() { return primaryKey().isEmpty(); }

    /** Length of the Object[] rows read from this table: columns, plus the hidden row id slot if any. */
    public int rowWidth() { return columns.size() + (hasHiddenRowId() ? 1 : 0); }

    /** Position of the AUTO_INCREMENT column, or -1. */
    public int autoIncrementColumn() {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).autoIncrement()) return i;
        return -1;
    }

    /** An index part on the named column; 1072 "Key column 'x' doesn't exist in table". */
    public IndexPart partFor(String column, int prefixLength, boolean descending) {
        int i = columnIndex(column);
        if (i < 0) throw dev.basalt.engine.api.ErrorCode.ER_KEY_COLUMN_DOES_NOT_EXIST.error(column);
        return new IndexPart(i, prefixLength, descending);
    }

    public List<SqlType> columnTypes() {
        List<SqlType> t = new ArrayList<>(columns.size());
        for (ColumnDef c : columns) t.add(c.type());
        return t;
    }

    /** {@code db.name} as MySQL prints it in messages. */
    public String qualifiedName() { return database + "." + name; }

    public TableDef withName(String db, String n) { return new TableDef(tableId, db, n, columns, indexes, options, constraints); }

    public TableDef withColumns(List<ColumnDef> c) { return new TableDef(tableId, database, name, c, indexes, options, constraints); }

    public TableDef withIndexes(List<IndexDef> i) { return new TableDef(tableId, database, name, columns, i, options, constraints); }

    public TableDef withOptions(TableOptions o) { return new TableDef(tableId, database, name, columns, indexes, o, constraints); }

    public TableDef withId(int id) { return new TableDef(id, database, name, columns, indexes, options, constraints); }

    public TableDef withConstraints(TableConstraints c) { return new TableDef(tableId, database, name, columns, indexes, options, c); }

    public List<ForeignKeyDef> foreignKeys() { return constraints.foreignKeys(); }

    public List<CheckDef> checks() { return constraints.checks(); }
}
