package dev.basalt.engine.plan;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.types.SqlType;

/**
 * A column visible in a query scope.
 *
 * @param schema   database of the underlying table ("" for derived/expressions)
 * @param table    the table alias it is reachable by ("" when anonymous)
 * @param name     column name
 * @param info     result-set metadata to report when selected directly
 */
public record PlanColumn(String schema, String table, String name, SqlType type, boolean nullable, ColumnInfo info) {

    public static PlanColumn expression(String name, SqlType type, boolean nullable) {
        return new PlanColumn("", "", name, type, nullable, ColumnInfo.expression(name, type, nullable));
    }

    /** The same column as seen through a new alias (derived tables, views). */
    public PlanColumn reAliased(String schema, String alias, String newName) {
        ColumnInfo i = new ColumnInfo(schema, alias, info.orgTable(), newName, info.orgName(), type, nullable,
                info.primaryKey(), info.uniqueKey(), info.multipleKey(), info.autoIncrement());
        return new PlanColumn(schema, alias, newName, type, nullable, i);
    }

    public PlanColumn withNullable(boolean n) {
        ColumnInfo i = new ColumnInfo(info.schema(), info.table(), info.orgTable(), info.name(), info.orgName(), type, n,
                info.primaryKey(), info.uniqueKey(), info.multipleKey(), info.autoIncrement());
        return new PlanColumn(schema, table, name, type, n, i);
    }
}
