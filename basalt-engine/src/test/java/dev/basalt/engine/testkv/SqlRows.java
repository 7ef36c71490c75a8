package dev.basalt.engine.testkv;

import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.StatementResults;
import java.util.ArrayList;
import java.util.List;

/** Engine tests' one way to run SQL on a session and keep every row of every result set. */
public final class SqlRows {
    private SqlRows() {}

    /** The rows of all result sets of {@code sql}, in order (copies: cursors may reuse arrays). */
    public static List<Object[]> of(Session session, String sql) {
        StatementResults results = session.execute(sql, false);
        List<Object[]> out = new ArrayList<>();
        while (results.hasNext()) {
            if (results.next() instanceof Result.Rows rows) {
                try (RowCursor c = rows.cursor()) {
                    for (Object[] row = c.next(); row != null; row = c.next()) out.add(row.clone());
                }
            }
        }
        return out;
    }

    /** The first column of every row of {@code sql}, as text ({@code String.valueOf}). */
    public static List<String> column(Session session, String sql) {
        List<String> out = new ArrayList<>();
        for (Object[] r : of(session, sql)) out.add(String.valueOf(r[0]));
        return out;
    }
}
