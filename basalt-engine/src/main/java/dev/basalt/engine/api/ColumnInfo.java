package dev.basalt.engine.api;

import dev.basalt.engine.types.SqlType;

/**
 * Result-set column metadata, protocol-neutral. The MySQL protocol maps {@link SqlType} to its
 * column type codes, lengths and flags.
 *
 * @param schema     database of the underlying table, or "" for expressions
 * @param table      table alias as written in the query, or ""
 * @param orgTable   real table name, or ""
 * @param name       column label (alias)
 * @param orgName    real column name, or ""
 * @param type       SQL type
 * @param nullable   may hold NULL
 * @param primaryKey part of the primary key
 * @param uniqueKey  part of a unique key
 * @param multipleKey part of a non-unique index
 * @param autoIncrement AUTO_INCREMENT column
 * @param noDefault  a NOT NULL table column without DEFAULT that is neither AUTO_INCREMENT nor
 *                   generated (MySQL's NO_DEFAULT_VALUE flag)
 * @param partKey    part of some index (MySQL's PART_KEY flag)
 * @param materialized a field of the temporary table a set operation collects its rows in (UNION
 *                   DISTINCT, INTERSECT, EXCEPT): mysqld reports such a numeric column as a stored
 *                   one, without the BINARY flag of a computed number, though it has no table or
 *                   original name (those stay empty, so the names clients show are unchanged)
 */
public record ColumnInfo(String schema, String table, String orgTable, String name, String orgName,
                         SqlType type, boolean nullable, boolean primaryKey, boolean uniqueKey,
                         boolean multipleKey, boolean autoIncrement, boolean noDefault, boolean partKey,
                         boolean materialized) {

    /** A column that is not a set operation's temporary-table field. */
    public ColumnInfo(String schema, String table, String orgTable, String name, String orgName,
                      SqlType type, boolean nullable, boolean primaryKey, boolean uniqueKey,
                      boolean multipleKey, boolean autoIncrement, boolean noDefault, boolean partKey) {
        this(schema, table, orgTable, name, orgName, type, nullable, primaryKey, uniqueKey, multipleKey, autoIncrement,
                noDefault, partKey, false);
    }

    /** A column without the NO_DEFAULT_VALUE and PART_KEY properties. */
    public ColumnInfo(String schema, String table, String orgTable, String name, String orgName,
                      SqlType type, boolean nullable, boolean primaryKey, boolean uniqueKey,
                      boolean multipleKey, boolean autoIncrement) {
        this(schema, table, orgTable, name, orgName, type, nullable, primaryKey, uniqueKey, multipleKey, autoIncrement,
                false, false);
    }

    /** The same table column seen under another alias, label, type or nullability (its key and default flags kept). */
    public ColumnInfo as(String schema, String table, String name, SqlType type, boolean nullable) {
        return new ColumnInfo(schema, table, orgTable, name, orgName, type, nullable, primaryKey, uniqueKey, multipleKey,
                autoIncrement, noDefault, partKey, materialized);
    }

    /** This column as a field of a set operation's temporary table (see {@code materialized}). */
    public ColumnInfo asMaterialized() {
        return new ColumnInfo(schema, table, orgTable, name, orgName, type, nullable, primaryKey, uniqueKey, multipleKey,
                autoIncrement, noDefault, partKey, true);
    }

    /** A computed column (no table behind it). */
    public static ColumnInfo expression(String name, SqlType type, boolean nullable) {
        return new ColumnInfo("", "", "", name, "", type, nullable, false, false, false, false);
    }
}
