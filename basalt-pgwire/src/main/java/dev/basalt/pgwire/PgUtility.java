package dev.basalt.pgwire;

import dev.basalt.engine.api.Session;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL utility statements MySQL spells differently, as pgbench -i and other tools send them:
 * VACUUM [ANALYZE] (ANALYZE TABLE, or nothing: Basalt has no dead tuples to reclaim), TRUNCATE of
 * several tables (inside a transaction block a DELETE, since PostgreSQL's TRUNCATE is
 * transactional where MySQL's commits), and CREATE TABLE ... WITH (storage parameters), whose
 * parameters (fillfactor...) mean nothing to Basalt's storage and are dropped.
 */
final class PgUtility {
    private PgUtility() {}

    /** A statement run here (tag set), or the text to run instead (sql set). */
    record Outcome(String tag, String sql) {}

    private static final Pattern VACUUM = Pattern.compile(
            "(?is)\\s*VACUUM\\s*(?:\\(([^)]*)\\))?\\s*((?:FULL|FREEZE|VERBOSE|ANALYZE|ANALYSE)(?:\\s+(?:FULL|FREEZE|VERBOSE|ANALYZE|ANALYSE))*)?\\s*(.*?)\\s*;?\\s*");
    private static final Pattern TRUNCATE = Pattern.compile(
            "(?is)\\s*TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(.*?)(?:\\s+(?:RESTART|CONTINUE)\\s+IDENTITY)?(?:\\s+(?:CASCADE|RESTRICT))?\\s*;?\\s*");
    private static final Pattern STORAGE_PARAMETERS = Pattern.compile("(?is)(\\s*CREATE\\s+(?:TEMP(?:ORARY)?\\s+|UNLOGGED\\s+)?TABLE\\b.*\\))\\s*WITH\\s*\\([^()]*\\)\\s*;?\\s*");

    /** The outcome for a utility statement, or null for any other statement. */
    static Outcome run(Session session, String sql) {
        String word = PgSqlText.firstWord(sql);
        if (word.equals("VACUUM")) {
            Matcher m = VACUUM.matcher(sql);
            if (!m.matches()) return null;
            String options = ((m.group(1) == null ? "" : m.group(1)) + " " + (m.group(2) == null ? "" : m.group(2))).toUpperCase(Locale.ROOT);
            String tables = m.group(3).trim();
            if ((options.contains("ANALYZE") || options.contains("ANALYSE")) && !tables.isEmpty()) {
                PgSettings.run(session, "ANALYZE TABLE " + tables.replaceAll("\\s*\\([^)]*\\)", ""));
            }
            return new Outcome("VACUUM", null);
        }
        if (word.equals("TRUNCATE")) {
            Matcher m = TRUNCATE.matcher(sql);
            if (!m.matches()) return null;
            String[] tables = m.group(1).split("\\s*,\\s*");
            boolean inTransaction = session.inTransaction();
            for (String t : tables) PgSettings.run(session, (inTransaction ? "DELETE FROM " : "TRUNCATE TABLE ") + t.trim());
            return new Outcome("TRUNCATE TABLE", null);
        }
        if (word.equals("CREATE")) {
            Matcher m = STORAGE_PARAMETERS.matcher(sql);
            if (m.matches()) return new Outcome(null, m.group(1));
        }
        return null;
    }
}
