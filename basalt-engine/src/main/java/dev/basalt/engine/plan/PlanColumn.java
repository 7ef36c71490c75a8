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
        ColumnInfo i = info.as(schema, alias, newName, type, nullable);
        return new PlanColumn(schema, alias, newName, type, nullable, i);
    }

    public PlanColumn withNullable(boolean n) {
        ColumnInfo i = info.as(info.schema(), info.table(), info.name(), type, n);
        return new PlanColumn(schema, table, name, type, n, i);
    }
}
