package dev.basalt.engine.statement;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

/** Small constructors for statement results. */
public final class Results {
    private Results() {}

    public static Result.Update ok() { return new Result.Update(0, 0, 0, null); }

    public static Result.Update ok(long affected) { return new Result.Update(affected, 0, 0, null); }

    /** A materialized result set. */
    public static Result.Rows rows(List<ColumnInfo> columns, List<Object[]> rows) {
        return new Result.Rows() {
            @Override public List<ColumnInfo> columns() { return columns; }

            @Override public RowCursor cursor() {
                return new RowCursor() {
                    int pos;

                    @Override public Object[] next() { return pos < rows.size() ? rows.get(pos++) : null; }

                    @Override public void close() { pos = rows.size(); }
                };
            }
        };
    }

    /** Column metadata for SHOW-style output: all VARCHAR unless typed explicitly. */
    public static List<ColumnInfo> textColumns(String... names) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (String n : names) cols.add(ColumnInfo.expression(n, SqlType.varchar(64), true));
        return cols;
    }

    public static ColumnInfo column(String name, SqlType type) {
        return ColumnInfo.expression(name, type, true);
    }
}
