package dev.basalt.pgwire;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.sql.postgres.PgDialect;
import dev.basalt.sql.postgres.PgWriteTarget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UPDATE ... RETURNING and DELETE ... RETURNING on an engine without them, inside a transaction
 * or savepoint so a failure leaves nothing behind. DELETE: the rows its WHERE selects are read
 * (and locked, FOR UPDATE) first, then deleted: the rows as deleted. UPDATE: the primary keys of
 * the rows its WHERE selects are read and locked, the UPDATE runs, and the rows are read back by
 * key: the rows as written. An UPDATE on a table without a primary key, or one that changes the
 * key, gets 0A000 and changes nothing. The row count is the rows matched, as PostgreSQL counts.
 */
final class PgWriteReturning {
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|`[^`]+`|[^\\s.\"`]+)";
    private static final Pattern TABLE_REF = Pattern.compile(NAME + "(?:\\." + NAME + ")?(?:\\s+(?:AS\\s+)?\\S+)?",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private PgWriteReturning() {}

    record Rows(List<ColumnInfo> columns, List<Object[]> rows) {}

    static void run(Session session, PreparedStatementHandle handle, PgDialect.Returning r, Object[] parameters,
                    PgConnection.Portal p) {
        PgWriteTarget.Target w = PgWriteTarget.of(r.statement());
        if (w == null || w.problem() != null) {
            throw new PgException("0A000", w == null ? "RETURNING is not supported in this statement" : w.problem());
        }
        if (r.columns().contains("?")) throw new PgException("0A000", "parameters in a RETURNING list are not supported");
        Object[] all = parameters == null ? new Object[0] : parameters;
        Object[] whereParameters = Arrays.copyOfRange(all, Math.max(0, all.length - w.whereParameters()), all.length);
        List<String> key = w.update() ? primaryKey(session, w.tableRef()) : List.of();
        PgAtomic.Returned returned = PgAtomic.run(session, () -> {
            Rows out;
            long n;
            if (w.update()) {
                String keyList = String.join(", ", key.stream().map(PgWriteReturning::quote).toList());
                Rows keys = query(session, "SELECT " + keyList + " FROM " + w.tableRef() + " WHERE " + w.where() + " FOR UPDATE",
                        whereParameters);
                write(session, handle, r.statement(), all);
                String byKey = String.join(" AND ", key.stream().map(k -> quote(k) + " = ?").toList());
                String read = "SELECT " + r.columns() + " FROM " + w.tableRef() + " WHERE " + byKey;
                List<Object[]> rows = new ArrayList<>();
                List<ColumnInfo> columns = null;
                for (Object[] k : keys.rows()) {
                    Rows one = query(session, read, k);
                    columns = one.columns();
                    if (one.rows().isEmpty()) {
                        throw new PgException("0A000", "UPDATE ... RETURNING that changes the primary key is not supported");
                    }
                    rows.addAll(one.rows());
                }
                if (columns == null) columns = query(session, "SELECT " + r.columns() + " FROM " + w.tableRef() + " WHERE FALSE",
                        new Object[0]).columns();
                out = new Rows(columns, rows);
                n = keys.rows().size();
            } else {
                out = query(session, "SELECT " + r.columns() + " FROM " + w.tableRef() + " WHERE " + w.where() + " FOR UPDATE",
                        whereParameters);
                n = write(session, handle, r.statement(), all);
            }
            return new PgAtomic.Returned(out.columns(), out.rows(), (w.update() ? "UPDATE " : "DELETE ") + n);
        });
        p.buffered(returned.columns(), returned.rows(), returned.tag());
    }

    /** Runs the UPDATE/DELETE itself; its affected rows. */
    private static long write(Session session, PreparedStatementHandle handle, String statement, Object[] parameters) {
        Result result = PgReturning.first(handle != null ? session.executePrepared(handle, parameters) : session.execute(statement, false));
        return result instanceof Result.Update u ? u.affectedRows() : 0;
    }

    static Rows query(Session session, String sql, Object[] parameters) {
        PreparedStatementHandle h = session.prepare(sql);
        try {
            Result r = PgReturning.first(session.executePrepared(h, parameters));
            if (!(r instanceof Result.Rows rs)) throw new PgException("XX000", "RETURNING read no rows");
            List<Object[]> rows = new ArrayList<>();
            try (RowCursor c = rs.cursor()) {
                Object[] row;
                while ((row = c.next()) != null) rows.add(row.clone());
            }
            return new Rows(rs.columns(), rows);
        } finally {
            session.closePrepared(h);
        }
    }

    /** The primary key columns of the table a reference ({@code t}, {@code s.t AS x}) names; 0A000 without one. */
    static List<String> primaryKey(Session session, String tableRef) {
        Matcher m = TABLE_REF.matcher(tableRef.strip());
        if (!m.matches()) throw new PgException("0A000", "UPDATE ... RETURNING on " + tableRef + " is not supported");
        String schema = m.group(2) != null ? literal(unquote(m.group(1))) : "DATABASE()";
        String table = unquote(m.group(2) != null ? m.group(2) : m.group(1));
        Rows keys = query(session, "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = " + schema
                + " AND TABLE_NAME = " + literal(table) + " AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX", new Object[0]);
        if (keys.rows().isEmpty()) {
            throw new PgException("0A000", "UPDATE ... RETURNING needs a primary key on " + table);
        }
        return keys.rows().stream().map(row -> String.valueOf(row[0])).toList();
    }

    static String quote(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        if (s.length() >= 2 && s.startsWith("`") && s.endsWith("`")) return s.substring(1, s.length() - 1);
        return s;
    }
}
