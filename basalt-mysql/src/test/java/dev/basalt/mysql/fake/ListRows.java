package dev.basalt.mysql.fake;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;

import java.util.Iterator;
import java.util.List;

/** A result set held in memory. {@code failAfter} >= 0 makes the cursor throw after that many rows. */
public record ListRows(List<ColumnInfo> columns, List<Object[]> rows, int failAfter) implements Result.Rows {
    public ListRows(List<ColumnInfo> columns, List<Object[]> rows) {
        this(columns, rows, -1);
    }

    @Override
    public RowCursor cursor() {
        Iterator<Object[]> it = rows.iterator();
        return new RowCursor() {
            int served;

            @Override
            public Object[] next() {
                if (failAfter >= 0 && served == failAfter) {
                    throw new dev.basalt.engine.api.SqlException(1317, "70100", "Query execution was interrupted");
                }
                served++;
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {}
        };
    }
}
