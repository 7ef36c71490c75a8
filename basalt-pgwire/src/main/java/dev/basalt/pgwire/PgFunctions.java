package dev.basalt.pgwire;

import dev.basalt.sql.postgres.PgText;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's session information functions inside any statement, replaced by their values
 * before the engine sees the text: version() (PostgreSQL's text, which tools parse, not MySQL's),
 * current_database() and current_catalog (the database named at start-up), current_schemas(b),
 * pg_backend_pid(). A query made of one of them alone is answered by {@link PgCatalogQueries},
 * which also names the column as PostgreSQL does.
 */
final class PgFunctions {
    private PgFunctions() {}

    private static final Pattern CALL = Pattern.compile(
            "(?i)(?<![\\w.])(?:pg_catalog\\s*\\.\\s*)?(version\\s*\\(\\s*\\)|current_database\\s*\\(\\s*\\)|current_catalog\\b(?!\\s*\\()"
                    + "|current_schemas\\s*\\(\\s*(true|false)\\s*\\)|pg_backend_pid\\s*\\(\\s*\\))");
    /** Words one of which {@link #CALL} needs: a cheap test first, as most statements have none. */
    private static final String[] TRIGGERS = {"version", "current_database", "current_catalog", "current_schemas", "pg_backend_pid"};

    static String versionText() {
        return "PostgreSQL " + PgSettings.SERVER_VERSION + " on x86_64-pc-linux-gnu, compiled by javac, 64-bit";
    }

    static String rewrite(String sql, String database, String schema) {
        if (!PgText.containsAnyIgnoreCase(sql, TRIGGERS)) return sql;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') { // literals and quoted identifiers are copied as they are
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == c) {
                        if (end + 1 < sql.length() && sql.charAt(end + 1) == c) end += 2;
                        else break;
                    } else {
                        end++;
                    }
                }
                end = Math.min(end + 1, sql.length());
                out.append(sql, i, end);
                i = end;
                continue;
            }
            int next = i;
            while (next < sql.length() && sql.charAt(next) != '\'' && sql.charAt(next) != '"') next++;
            out.append(replace(sql.substring(i, next), database, schema));
            i = next;
        }
        return out.toString();
    }

    private static String replace(String code, String database, String schema) {
        Matcher m = CALL.matcher(code);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String fn = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String value;
            // version() and current_database() as the engine's PG_ calls of their value: named and typed as PostgreSQL's
            if (fn.startsWith("version")) value = "PG_VERSION(" + PgCatalogData.quote(versionText()) + ")";
            else if (fn.startsWith("current_schemas")) value = PgCatalogData.quote("{" + ("true".equalsIgnoreCase(m.group(2)) ? "pg_catalog," : "") + schema + "}");
            else if (fn.startsWith("pg_backend_pid")) value = "CONNECTION_ID()";
            else value = "PG_CURRENT_DATABASE(" + PgCatalogData.quote(database) + ")";
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
