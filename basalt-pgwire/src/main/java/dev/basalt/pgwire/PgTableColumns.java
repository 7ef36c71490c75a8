package dev.basalt.pgwire;

import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SqlException;

import java.util.ArrayList;
import java.util.List;

/** The columns of a table named as in SQL ({@code t}, {@code "T"}, {@code s.t}), in order, as the session sees them. */
final class PgTableColumns {
    private PgTableColumns() {}

    /** The column names, or null when the table is unknown (the engine then reports it). */
    static List<String> of(Session session, String table) {
        String[] parts = table.split("\\.");
        String name = unquote(parts[parts.length - 1]);
        String schema = parts.length > 1 ? literal(unquote(parts[0])) : "DATABASE()";
        List<String> out = new ArrayList<>();
        try {
            Result r = PgReturning.first(session.execute("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                    + schema + " AND TABLE_NAME = " + literal(name) + " ORDER BY ORDINAL_POSITION", false));
            if (!(r instanceof Result.Rows rows)) return null;
            try (RowCursor c = rows.cursor()) {
                Object[] row;
                while ((row = c.next()) != null) out.add(String.valueOf(row[0]));
            }
        } catch (SqlException e) {
            return null;
        }
        return out.isEmpty() ? null : out;
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) return t.substring(1, t.length() - 1).replace("\"\"", "\"");
        return t;
    }
}
