package dev.basalt.pgwire;

import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.StatementResults;

import java.util.ArrayList;
import java.util.List;

/**
 * INSERT ... RETURNING on an engine without it: the INSERT runs, then the rows it made are read
 * back by their AUTO_INCREMENT (serial) values, first generated id onwards, all inside a
 * transaction or savepoint so a failure leaves nothing behind. Rows the INSERT did not number
 * (explicit ids) get 0A000 and no change; tables without an AUTO_INCREMENT column are read back
 * by primary key ({@link PgKeyReturning}).
 * UPDATE/DELETE ... RETURNING: {@link PgWriteReturning}.
 */
final class PgReturning {
    private PgReturning() {}

    static void run(Session session, PreparedStatementHandle handle, dev.basalt.sql.postgres.PgDialect.Returning r,
                    Object[] parameters, PgConnection.Portal p) {
        String word = PgSqlText.firstWord(r.statement());
        if (word.equals("UPDATE") || word.equals("DELETE")) {
            PgWriteReturning.run(session, handle, r, parameters, p);
            return;
        }
        if (r.table() == null) throw new PgException("0A000", "RETURNING is only supported on INSERT, UPDATE and DELETE");
        String column = autoIncrementColumn(session, r.table());
        if (column == null) {
            PgKeyReturning.run(session, handle, r, parameters, p);
            return;
        }
        PgAtomic.Returned returned = PgAtomic.run(session, () -> {
            Result inserted = first(handle != null ? session.executePrepared(handle, parameters)
                    : session.execute(r.statement(), false));
            if (!(inserted instanceof Result.Update u)) throw new PgException("0A000", "RETURNING is only supported on INSERT");
            long n = u.affectedRows();
            if (n > 0 && u.lastInsertId() == 0) {
                throw new PgException("0A000", "RETURNING needs the INSERT to generate the serial column " + column);
            }
            List<Object[]> rows = new ArrayList<>();
            List<dev.basalt.engine.api.ColumnInfo> columns;
            String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
            String select = "SELECT " + r.columns() + " FROM " + r.table() + " WHERE " + quoted + " BETWEEN "
                    + u.lastInsertId() + " AND " + (u.lastInsertId() + Math.max(n, 1) - 1) + " ORDER BY " + quoted;
            if (n == 0) select = "SELECT " + r.columns() + " FROM " + r.table() + " WHERE FALSE";
            Result read = first(session.execute(select, false));
            if (!(read instanceof Result.Rows rs)) throw new PgException("XX000", "RETURNING read no rows");
            columns = rs.columns();
            try (RowCursor c = rs.cursor()) {
                Object[] row;
                while ((row = c.next()) != null) rows.add(row.clone());
            }
            return new PgAtomic.Returned(columns, rows, "INSERT 0 " + n);
        });
        p.buffered(returned.columns(), returned.rows(), returned.tag());
    }

    static Result first(StatementResults results) {
        Result r = results.next();
        while (results.hasNext()) {
            if (results.next() instanceof Result.Rows more) more.cursor().close();
        }
        return r;
    }

    /** The AUTO_INCREMENT column of a table named as in SQL ({@code t}, {@code "T"}, {@code s.t}), or null. */
    private static String autoIncrementColumn(Session session, String table) {
        String[] parts = table.split("\\.");
        String name = unquote(parts[parts.length - 1]);
        String schema = parts.length > 1 ? "'" + unquote(parts[0]).replace("'", "''") + "'" : "DATABASE()";
        Result r = first(session.execute("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                + schema + " AND TABLE_NAME = '" + name.replace("'", "''") + "' AND EXTRA LIKE '%auto_increment%'", false));
        if (!(r instanceof Result.Rows rows)) return null;
        try (RowCursor c = rows.cursor()) {
            Object[] row = c.next();
            return row == null ? null : String.valueOf(row[0]);
        }
    }

    private static String unquote(String identifier) {
        String s = identifier.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("`") && s.endsWith("`"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
