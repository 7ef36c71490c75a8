package dev.basalt.pgwire;

import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.sql.postgres.PgDialect;
import dev.basalt.sql.postgres.PgOnConflict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog side of INSERT ... ON CONFLICT (the text side is {@link PgOnConflict}). MySQL's ON
 * DUPLICATE KEY acts on a conflict in any unique key; PostgreSQL's ON CONFLICT (cols) only on the
 * key it names, and a conflict elsewhere is an error. So the conflict target must be a unique key
 * of the table (42P10 otherwise, 42704 for an unknown constraint name), and a table with another
 * unique key that the INSERT could also hit is refused with 0A000 rather than run with different
 * semantics. A key on a serial column the INSERT does not give cannot conflict, so it does not count.
 */
final class PgConflictTarget {
    private PgConflictTarget() {}

    /** Whether the text may hold an ON CONFLICT clause (cheap: no lexing for ordinary statements). */
    static boolean mentions(String sql) {
        return PgSqlText.firstWord(sql).equals("INSERT") && dev.basalt.sql.postgres.PgText.containsIgnoreCase(sql, "CONFLICT");
    }

    /** Checks an INSERT's ON CONFLICT clause against the table; the clause, or null when there is none. */
    static PgOnConflict.Conflict check(Session session, String sql) {
        if (!mentions(sql)) return null;
        PgOnConflict.Conflict c = PgOnConflict.of(sql);
        if (c == null) return null;
        if (c.problem() != null) {
            boolean syntax = c.problem().startsWith("syntax") || c.problem().startsWith("ON CONFLICT DO UPDATE requires");
            throw new PgException(syntax ? "42601" : "0A000", c.problem());
        }
        if (PgDialect.returning(sql) != null && PgConflictReturning.problem(c) != null) {
            throw new PgException("0A000", PgConflictReturning.problem(c));
        }
        if (c.table() == null || c.targetColumns().isEmpty() && c.constraint() == null) return c;
        String[] parts = c.table().split("\\.");
        String table = unquote(parts[parts.length - 1]);
        String schema = parts.length > 1 ? literal(unquote(parts[0])) : "DATABASE()";
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (Object[] row : rows(session, "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + schema + " AND TABLE_NAME = " + literal(table) + " AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
            keys.computeIfAbsent(String.valueOf(row[0]), k -> new HashSet<>()).add(String.valueOf(row[1]).toLowerCase(Locale.ROOT));
        }
        if (keys.isEmpty() && rows(session, "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + schema
                + " AND TABLE_NAME = " + literal(table)).isEmpty()) {
            return c; // the engine reports the unknown table
        }
        Set<String> chosen;
        if (c.constraint() != null) {
            String name = c.constraint();
            String key = name.equalsIgnoreCase(table + "_pkey") && keys.containsKey("PRIMARY") ? "PRIMARY" : null;
            for (String k : keys.keySet()) if (key == null && k.equalsIgnoreCase(name)) key = k;
            if (key == null) {
                throw new PgException("42704", "constraint \"" + name + "\" for table \"" + table + "\" does not exist");
            }
            chosen = keys.get(key);
        } else {
            Set<String> target = new HashSet<>();
            for (String col : c.targetColumns()) target.add(col.toLowerCase(Locale.ROOT));
            chosen = keys.containsValue(target) ? target : null;
            if (chosen == null) {
                throw new PgException("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification");
            }
        }
        Set<String> serial = new HashSet<>();
        for (Object[] row : rows(session, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + schema
                + " AND TABLE_NAME = " + literal(table) + " AND EXTRA LIKE '%auto_increment%'")) {
            serial.add(String.valueOf(row[0]).toLowerCase(Locale.ROOT));
        }
        Set<String> given = new HashSet<>();
        for (String col : c.insertColumns()) given.add(col.toLowerCase(Locale.ROOT));
        for (Map.Entry<String, Set<String>> k : keys.entrySet()) {
            if (k.getValue().equals(chosen)) continue;
            boolean generated = !given.isEmpty() && k.getValue().stream().anyMatch(col -> serial.contains(col) && !given.contains(col));
            if (generated) continue;
            throw new PgException("0A000", "ON CONFLICT on a table with another unique key (" + k.getKey()
                    + ") is not supported: MySQL's ON DUPLICATE KEY UPDATE acts on a conflict in any unique key");
        }
        return c;
    }

    private static final Pattern RECORDS = Pattern.compile("Records: (\\d+)");

    /**
     * PostgreSQL's row count for the INSERT: rows inserted or updated. MySQL counts an updated row
     * twice and an unchanged one not at all; without WHERE every proposed row is inserted or
     * updated, so the count is the number of rows proposed.
     */
    static long count(PgOnConflict.Conflict c, Result.Update u) {
        if (!c.doUpdate()) return u.affectedRows();
        long records = 1;
        if (u.info() != null) {
            Matcher m = RECORDS.matcher(u.info());
            if (m.find()) records = Long.parseLong(m.group(1));
        } else if (!c.hasWhere()) {
            return 1;
        }
        if (!c.hasWhere()) return records;
        return u.info() == null ? (u.affectedRows() > 0 ? 1 : 0) : u.affectedRows(); // multi-row with WHERE: MySQL's count
    }

    private static List<Object[]> rows(Session session, String sql) {
        StatementResults results = session.execute(sql, false);
        List<Object[]> out = new ArrayList<>();
        Result r = results.next();
        if (r instanceof Result.Rows rows) {
            try (RowCursor cursor = rows.cursor()) {
                Object[] row;
                while ((row = cursor.next()) != null) out.add(row.clone());
            }
        }
        while (results.hasNext()) {
            if (results.next() instanceof Result.Rows more) more.cursor().close();
        }
        return out;
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String unquote(String identifier) {
        String s = identifier.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        return s;
    }
}
