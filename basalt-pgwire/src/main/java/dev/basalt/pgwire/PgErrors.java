package dev.basalt.pgwire;

import dev.basalt.engine.api.SqlException;

import java.util.Locale;
import java.util.Map;

/**
 * MySQL error numbers as PostgreSQL SQLSTATEs. Errors without a PostgreSQL counterpart keep
 * MySQL's SQLSTATE when it is specific, else 42000 / XX000; the MySQL number is in the detail.
 */
final class PgErrors {
    private static final Map<Integer, String> STATES = Map.ofEntries(
            Map.entry(1062, "23505"), Map.entry(1586, "23505"), Map.entry(1169, "23505"),
            Map.entry(1146, "42P01"), Map.entry(1109, "42P01"), Map.entry(1051, "42P01"),
            Map.entry(1054, "42703"), Map.entry(1064, "42601"), Map.entry(1149, "42601"),
            Map.entry(1213, "40001"), Map.entry(1205, "55P03"), Map.entry(1614, "40001"),
            Map.entry(1048, "23502"), Map.entry(1364, "23502"),
            Map.entry(1451, "23503"), Map.entry(1452, "23503"), Map.entry(1216, "23503"), Map.entry(1217, "23503"),
            Map.entry(3819, "23514"),
            Map.entry(1264, "22003"), Map.entry(1690, "22003"), Map.entry(1365, "22012"),
            Map.entry(1366, "22P02"), Map.entry(1292, "22007"), Map.entry(1406, "22001"), Map.entry(1411, "22007"),
            Map.entry(1049, "3D000"), Map.entry(1045, "28P01"), Map.entry(1044, "42501"), Map.entry(1142, "42501"),
            Map.entry(1050, "42P07"), Map.entry(1007, "42P06"), Map.entry(1008, "3F000"), Map.entry(1060, "42701"),
            Map.entry(1061, "42P07"), Map.entry(1091, "42704"), Map.entry(1305, "42883"), Map.entry(1630, "42883"),
            Map.entry(1235, "0A000"), Map.entry(1295, "0A000"), Map.entry(1193, "42704"), Map.entry(1231, "22023"),
            Map.entry(1232, "22023"), Map.entry(1052, "42702"), Map.entry(1317, "57014"), Map.entry(3024, "57014"),
            Map.entry(1792, "25006"), Map.entry(1046, "3D000"), Map.entry(1040, "53300"),
            // resources: PostgreSQL's out_of_memory, statement_too_complex (its "stack depth limit exceeded")
            Map.entry(1041, "53200"), Map.entry(1038, "53200"), Map.entry(3170, "53200"), Map.entry(1436, "54001"));

    private PgErrors() {}

    /** Fields of one ErrorResponse or NoticeResponse. */
    record Fields(String severity, String code, String message, String detail, int position) {
        static Fields error(String code, String message) { return new Fields("ERROR", code, message, null, 0); }
        static Fields fatal(String code, String message) { return new Fields("FATAL", code, message, null, 0); }
    }

    static Fields of(SqlException e, String sql) {
        String state = STATES.get(e.errorCode());
        if (state == null) {
            String mysql = e.sqlState();
            state = mysql == null || mysql.equals("HY000") || mysql.startsWith("HY") ? "XX000" : mysql;
        }
        String message = e.getMessage() == null ? "error " + e.errorCode() : e.getMessage();
        String uuid = invalidUuid(message);
        if (uuid != null) {
            // the engine's "Incorrect uuid value: 'x'" (a cast, 1411) or "... for column 'c' at row n" (a write, 1366)
            return new Fields("ERROR", "22P02", "invalid input syntax for type uuid: \"" + uuid + "\"", null, 0);
        }
        if (e.errorCode() == 3140 || e.errorCode() == 3141) {
            // invalid JSON text written to a json/jsonb column or cast to one: PostgreSQL's json_in error, MySQL's reason as the detail
            return new Fields("ERROR", "22P02", "invalid input syntax for type json", message, 0);
        }
        int position = e.errorCode() == 1064 && sql != null ? syntaxPosition(message, sql) : 0;
        return new Fields("ERROR", state, message, "MySQL error " + e.errorCode(), position);
    }

    /** The text the engine could not read as a UUID, or null when the message is about something else. */
    static String invalidUuid(String message) {
        if (!message.startsWith(dev.basalt.engine.types.UuidText.INVALID_PREFIX)) return null;
        int end = message.lastIndexOf("' for column '");
        if (end < 0) end = message.length() - 1;
        return end < dev.basalt.engine.types.UuidText.INVALID_PREFIX.length() ? null
                : message.substring(dev.basalt.engine.types.UuidText.INVALID_PREFIX.length(), end);
    }

    /** The 1-based character position of MySQL's "near '...'" text within the statement, or 0. */
    static int syntaxPosition(String message, String sql) {
        int near = message.indexOf("near '");
        if (near < 0) return 0;
        int end = message.lastIndexOf("' at line");
        if (end <= near + 6) return end == near + 6 ? sql.length() + 1 : 0;
        String fragment = message.substring(near + 6, end);
        if (fragment.length() > 20) fragment = fragment.substring(0, 20);
        int at = sql.indexOf(fragment);
        if (at < 0) at = sql.toLowerCase(Locale.ROOT).indexOf(fragment.toLowerCase(Locale.ROOT));
        return at < 0 ? 0 : sql.codePointCount(0, at) + 1;
    }

    static void write(MessageWriter w, char type, Fields f) {
        w.begin(type);
        w.int8('S').cstring(f.severity());
        w.int8('V').cstring(f.severity());
        w.int8('C').cstring(f.code());
        w.int8('M').cstring(f.message());
        if (f.detail() != null) w.int8('D').cstring(f.detail());
        if (f.position() > 0) w.int8('P').cstring(Integer.toString(f.position()));
        w.int8(0);
        w.end();
    }
}
