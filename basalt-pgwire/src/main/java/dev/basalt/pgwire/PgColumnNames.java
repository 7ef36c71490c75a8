package dev.basalt.pgwire;

import dev.basalt.engine.api.ColumnInfo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's names for unaliased expression columns: MySQL names them by their text
 * ({@code COUNT(*)}, {@code 1 + 1}), PostgreSQL by the function called ({@code count}) or
 * {@code ?column?}. Clients read columns by those names ({@code rs.getLong("count")}).
 */
final class PgColumnNames {
    private static final Pattern CALL = Pattern.compile("(?s)([A-Za-z_][A-Za-z0-9_]*)\\s*\\(.*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");

    private PgColumnNames() {}

    static String of(ColumnInfo c) {
        String name = c.name();
        // a real column, or an alias (a plain identifier): kept as it is
        if (!c.orgName().isEmpty() || IDENTIFIER.matcher(name).matches()) return name;
        if (name.startsWith("(SELECT COALESCE(ARRAY_AGG(pg_array_q.c)")) return "array"; // the dialect's ARRAY(subquery)
        Matcher m = CALL.matcher(name);
        if (m.matches() && balanced(name, m.end(1))) {
            String f = m.group(1).toLowerCase(Locale.ROOT);
            return f.equals("cast") || f.equals("convert") ? "?column?" : dialectName(f);
        }
        return "?column?";
    }

    /** The dialect's PG_ functions by the name PostgreSQL gives their column (ARRAY[...] and its slices: array). */
    private static String dialectName(String f) {
        return switch (f) {
            case "pg_array", "pg_array_slice" -> "array";
            case "pg_interval" -> "interval";
            case "pg_age", "pg_justify_days", "pg_justify_hours", "pg_justify_interval", "pg_extract", "pg_date_part", "pg_date_trunc",
                 "pg_version", "pg_current_database", "pg_timestamptz" -> f.substring(3);
            default -> f;
        };
    }

    /** True when the parenthesis after the function name closes at the very end ("f(a) + g(b)" is not a call). */
    private static boolean balanced(String s, int from) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') quoted = !quoted;
            if (quoted) continue;
            if (ch == '(') depth++;
            else if (ch == ')' && --depth == 0) return i == s.length() - 1;
        }
        return false;
    }
}
