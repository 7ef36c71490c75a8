package dev.basalt.pgwire;

import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.sql.postgres.PgDialect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the protocol needs to know about a statement from its text: whether it returns rows, its
 * command tag, whether it bypasses the engine's prepare, and the PostgreSQL transaction forms
 * MySQL spells differently.
 */
final class PgCommands {
    private PgCommands() {}

    private static final Pattern BEGIN = Pattern.compile(
            "(?is)\\s*(?:BEGIN|START)(?:\\s+(?:TRANSACTION|WORK))?\\s*(?:ISOLATION\\s+LEVEL\\s+(SERIALIZABLE|REPEATABLE\\s+READ|READ\\s+COMMITTED|READ\\s+UNCOMMITTED))?\\s*,?\\s*(READ\\s+ONLY|READ\\s+WRITE)?\\s*(?:,?\\s*(?:NOT\\s+)?DEFERRABLE)?\\s*");

    static boolean mayReturnRows(String sql) {
        return switch (PgSqlText.firstWord(sql)) {
            case "INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME", "GRANT",
                 "REVOKE", "LOCK", "UNLOCK", "USE", "DO", "LOAD", "SET", "BEGIN", "START", "COMMIT", "ROLLBACK" -> false;
            default -> true;
        };
    }

    static boolean isDirect(String sql) {
        return switch (PgSqlText.firstWord(sql)) {
            case "SET", "RESET", "SHOW", "BEGIN", "START", "END", "ABORT", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE" -> true;
            default -> false;
        };
    }

    /** PostgreSQL forms with a MySQL equivalent: BEGIN ISOLATION LEVEL, END, ABORT. */
    static String translate(Session session, String sql) {
        String word = PgSqlText.firstWord(sql);
        if (word.equals("END")) return "COMMIT";
        if (word.equals("ABORT")) return "ROLLBACK";
        if (word.equals("BEGIN") || word.equals("START")) {
            Matcher m = BEGIN.matcher(sql);
            if (m.matches()) {
                if (m.group(1) != null) PgSettings.run(session, "SET TRANSACTION ISOLATION LEVEL " + m.group(1));
                return m.group(2) != null ? "START TRANSACTION " + m.group(2) : "START TRANSACTION";
            }
        }
        return PgDialect.translate(sql).sql();
    }

    static Result single(StatementResults results) {
        Result r = results.next();
        // a CALL may chain several results; PostgreSQL's CALL has one: keep the first, drain the rest
        while (results.hasNext()) {
            if (results.next() instanceof Result.Rows more) more.cursor().close();
        }
        return r;
    }

    static String tag(String sql, String word, long affected) {
        return switch (word) {
            case "INSERT" -> "INSERT 0 " + affected;
            case "UPDATE", "DELETE", "MERGE" -> word + " " + affected;
            case "BEGIN", "START" -> "BEGIN";
            case "COMMIT", "END" -> "COMMIT";
            case "ROLLBACK", "ABORT" -> "ROLLBACK";
            case "CREATE", "DROP", "ALTER" -> {
                List<String> w = PgSqlText.words(sql, 3);
                String what = w.size() > 1 ? w.get(1) : "";
                if ((what.equals("TEMPORARY") || what.equals("TEMP") || what.equals("UNIQUE")) && w.size() > 2) what = w.get(2);
                yield what.isEmpty() ? word : word + " " + what;
            }
            default -> word.isEmpty() ? "OK" : word;
        };
    }
}
