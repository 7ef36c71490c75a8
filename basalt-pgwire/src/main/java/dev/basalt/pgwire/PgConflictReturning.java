package dev.basalt.pgwire;

import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.sql.postgres.PgDialect;
import dev.basalt.sql.postgres.PgOnConflict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code INSERT ... VALUES (one row) ON CONFLICT (key) ... RETURNING}, PostgreSQL's upsert that
 * hands back the row: the INSERT runs, then the row is read back by the conflict target's values
 * as the VALUES row gives them, inside a transaction or savepoint. No row comes back when DO
 * NOTHING skipped it, or when a DO UPDATE's WHERE left it unchanged. Other shapes (several rows,
 * INSERT ... SELECT, ON CONSTRAINT, a key column the INSERT does not list) get 0A000.
 */
final class PgConflictReturning {
    private PgConflictReturning() {}

    /** Why this upsert's RETURNING cannot be served, or null. */
    static String problem(PgOnConflict.Conflict c) {
        if (c.targetColumns().isEmpty()) return "RETURNING with ON CONFLICT needs a conflict target given as columns";
        for (String k : c.targetColumns()) {
            if (!lower(c.insertColumns()).contains(k.toLowerCase(Locale.ROOT))) {
                return "RETURNING with ON CONFLICT needs the INSERT to list the conflict target's columns";
            }
        }
        return null;
    }

    static void run(Session session, PreparedStatementHandle handle, PgDialect.Returning r, PgOnConflict.Conflict c,
                    Object[] parameters, PgConnection.Portal p) {
        List<PgOnConflict.Value> row = PgOnConflict.singleRow(r.statement());
        if (row == null || row.size() != c.insertColumns().size()) {
            throw new PgException("0A000", "RETURNING with ON CONFLICT is supported for a single VALUES row only");
        }
        Object[] all = parameters == null ? new Object[0] : parameters;
        StringBuilder where = new StringBuilder();
        List<Object> keyParameters = new ArrayList<>();
        for (String k : c.targetColumns()) {
            PgOnConflict.Value v = row.get(lower(c.insertColumns()).indexOf(k.toLowerCase(Locale.ROOT)));
            if (!where.isEmpty()) where.append(" AND ");
            where.append('"').append(k.replace("\"", "\"\"")).append("\" = (").append(v.text()).append(')');
            keyParameters.addAll(Arrays.asList(all).subList(Math.min(v.firstParameter(), all.length),
                    Math.min(v.firstParameter() + v.parameters(), all.length)));
        }
        PgAtomic.Returned returned = PgAtomic.run(session, () -> {
            Result result = PgReturning.first(handle != null ? session.executePrepared(handle, all) : session.execute(r.statement(), false));
            if (!(result instanceof Result.Update u)) throw new PgException("XX000", "INSERT returned rows");
            long n = PgConflictTarget.count(c, u);
            String select = "SELECT " + r.columns() + " FROM " + r.table() + " WHERE " + (n == 0 ? "FALSE" : where.toString());
            PreparedStatementHandle h = session.prepare(select);
            List<Object[]> rows = new ArrayList<>();
            List<dev.basalt.engine.api.ColumnInfo> columns;
            try {
                Result read = PgReturning.first(session.executePrepared(h, n == 0 ? new Object[0] : keyParameters.toArray()));
                if (!(read instanceof Result.Rows rs)) throw new PgException("XX000", "RETURNING read no rows");
                columns = rs.columns();
                try (RowCursor cursor = rs.cursor()) {
                    Object[] next;
                    while ((next = cursor.next()) != null) rows.add(next.clone());
                }
            } finally {
                session.closePrepared(h);
            }
            return new PgAtomic.Returned(columns, rows, "INSERT 0 " + n);
        });
        p.buffered(returned.columns(), returned.rows(), returned.tag());
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
