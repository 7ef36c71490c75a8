package dev.basalt.pgwire;

import dev.basalt.engine.api.Session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's run-time parameters (GUCs) of one connection: SET, RESET and SHOW of the ones
 * clients use are answered here; any other SET or SHOW goes to the engine (MySQL's variables and
 * SHOW statements). A few map onto the engine: search_path selects the database,
 * transaction isolation the MySQL one.
 */
final class PgSettings {
    /** What server_version says: a PostgreSQL version clients accept, and who really answers. */
    static final String SERVER_VERSION = "16.0 (Basalt)";

    /** Parameters reported to the client in ParameterStatus at start-up and whenever they change. */
    static final Set<String> REPORTED = Set.of("server_version", "server_encoding", "client_encoding", "application_name",
            "DateStyle", "TimeZone", "integer_datetimes", "standard_conforming_strings", "IntervalStyle",
            "is_superuser", "session_authorization");

    private static final Pattern SET = Pattern.compile(
            "(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*(?:=|\\s+TO\\s+)\\s*(.*?)\\s*");
    private static final Pattern SET_TIME_ZONE = Pattern.compile("(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.*?)\\s*");
    private static final Pattern CHARACTERISTICS = Pattern.compile(
            "(?is)\\s*SET\\s+SESSION\\s+CHARACTERISTICS\\s+AS\\s+TRANSACTION\\s+(.*?)\\s*");
    private static final Pattern RESET = Pattern.compile("(?is)\\s*RESET\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*");
    private static final Pattern SHOW = Pattern.compile("(?is)\\s*SHOW\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*");

    private static final Pattern SHOW_ISOLATION = Pattern.compile("(?is)\\s*SHOW\\s+TRANSACTION\\s+ISOLATION\\s+LEVEL\\s*");

    /** Case-insensitive names, kept in the spelling PostgreSQL reports. */
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> defaults = new LinkedHashMap<>();

    PgSettings(String serverVersion, String user) {
        define("server_version", serverVersion);
        define("server_encoding", "UTF8");
        define("client_encoding", "UTF8");
        define("application_name", "");
        define("DateStyle", "ISO, MDY");
        define("IntervalStyle", "postgres");
        define("TimeZone", "UTC");
        define("integer_datetimes", "on");
        define("standard_conforming_strings", "on");
        define("is_superuser", "root".equals(user) ? "on" : "off");
        define("session_authorization", user);
        define("extra_float_digits", "1");
        define("bytea_output", "hex");
        define("client_min_messages", "notice");
        define("statement_timeout", "0");
        define("lock_timeout", "0");
        define("idle_in_transaction_session_timeout", "0");
        define("max_identifier_length", "63");
        define("search_path", "\"$user\", public");
        define("default_transaction_read_only", "off");
        define("transaction_read_only", "off");
        define("escape_string_warning", "on");
        define("jit", "off");
        define("row_security", "on");
        define("lc_messages", "C");
        define("lc_monetary", "C");
        define("lc_numeric", "C");
        define("lc_time", "C");
    }

    /** Parameters a session can show but not set (PostgreSQL: 55P02). */
    private final Set<String> readOnly = new java.util.HashSet<>();

    /**
     * PostgreSQL's {@code ssl} (whether the port offers TLS) and {@code ssl_library}, here the
     * library that runs this connection's TLS ({@code BoringSSL (netty-tcnative)} or {@code JDK 25
     * (SunJSSE)}; on a plaintext connection the one a TLS connection would get; empty without TLS).
     */
    void tls(boolean offered, String library) {
        define("ssl", offered ? "on" : "off");
        define("ssl_library", library == null ? "" : library);
        readOnly.add("ssl");
        readOnly.add("ssl_library");
    }

    private void define(String name, String value) {
        values.put(name, value);
        defaults.put(name, value);
    }

    Map<String, String> reported() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : REPORTED) m.put(n, values.get(n));
        return m;
    }

    private String canonical(String name) {
        for (String n : values.keySet()) if (n.equalsIgnoreCase(name)) return n;
        return null;
    }

    /** What a statement handled here produced. */
    record Outcome(String tag, String column, String value, String changed) {}

    /** A start-up parameter (pgjdbc sends TimeZone, DateStyle, client_encoding, extra_float_digits...). */
    void startup(String name, String value, Session session) {
        String n = canonical(name);
        if (n != null) assign(n, value, session);
    }

    /**
     * Handles the statement when it is a SET, RESET or SHOW of a PostgreSQL parameter (or one of
     * the forms mapped onto MySQL statements); null when the engine should run it.
     */
    Outcome handle(String sql, Session session) {
        String word = PgSqlText.firstWord(sql);
        if (!word.equals("SET") && !word.equals("RESET") && !word.equals("SHOW")) return null; // what every pattern below starts with
        Matcher m = CHARACTERISTICS.matcher(sql);
        if (m.matches()) {
            run(session, "SET SESSION TRANSACTION " + m.group(1));
            return new Outcome("SET", null, null, null);
        }
        m = SET_TIME_ZONE.matcher(sql);
        if (m.matches()) return set("TimeZone", m.group(1), session);
        m = SET.matcher(sql);
        if (m.matches()) {
            String n = canonical(m.group(1));
            if (n == null) return null;
            return set(n, m.group(2), session);
        }
        m = RESET.matcher(sql);
        if (m.matches()) {
            String n = canonical(m.group(1));
            if (n == null) {
                if (m.group(1).equalsIgnoreCase("ALL")) {
                    values.putAll(defaults);
                    return new Outcome("RESET", null, null, null);
                }
                return null;
            }
            refuseReadOnly(n);
            assign(n, defaults.get(n), session);
            return new Outcome("RESET", null, null, REPORTED.contains(n) ? n : null);
        }
        if (SHOW_ISOLATION.matcher(sql).matches()) sql = "SHOW transaction_isolation";
        m = SHOW.matcher(sql);
        if (m.matches()) {
            String name = m.group(1);
            if (name.equalsIgnoreCase("transaction_isolation") || name.equalsIgnoreCase("default_transaction_isolation")) {
                String iso = session.systemVariable("transaction_isolation");
                return new Outcome("SHOW", name.toLowerCase(Locale.ROOT),
                        iso == null ? "read committed" : iso.replace('-', ' ').toLowerCase(Locale.ROOT), null);
            }
            String n = canonical(name);
            if (n == null) return null;
            if (n.equals("search_path")) {
                String db = session.database();
                return new Outcome("SHOW", n, db == null ? "" : db, null);
            }
            return new Outcome("SHOW", n.toLowerCase(Locale.ROOT).equals(n) ? n : n.toLowerCase(Locale.ROOT), values.get(n), null);
        }
        return null;
    }

    private Outcome set(String name, String rawValue, Session session) {
        refuseReadOnly(name);
        String value = unquote(rawValue);
        if (value.equalsIgnoreCase("DEFAULT")) value = defaults.get(name);
        assign(name, value, session);
        return new Outcome("SET", null, null, REPORTED.contains(name) ? name : null);
    }

    private void assign(String name, String value, Session session) {
        switch (name) {
            // Basalt speaks UTF-8 only; PostgreSQL clients (pgjdbc) insist on it, so it stays UTF8.
            case "client_encoding" -> value = "UTF8";
            case "search_path" -> {
                String first = value.split(",")[0].strip().replace("\"", "");
                if (!first.isEmpty() && !first.equals("$user")) session.useDatabase(PgDatabases.schemaToDatabase(first));
            }
            case "TimeZone" -> {
                // best effort: MySQL accepts offsets and, with time zone tables, names
                try {
                    String tz = value.equalsIgnoreCase("UTC") || value.equalsIgnoreCase("GMT") ? "+00:00" : value;
                    run(session, "SET time_zone = '" + tz.replace("'", "''") + "'");
                } catch (RuntimeException e) {
                    // PostgreSQL knows more zone names than the engine; keep the name for display
                }
            }
            default -> { }
        }
        values.put(name, value);
    }

    private void refuseReadOnly(String name) {
        if (readOnly.contains(name)) throw new PgException("55P02", "parameter \"" + name + "\" cannot be changed");
    }

    private static String unquote(String v) {
        v = v.strip();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }

    static void run(Session session, String sql) {
        var results = session.execute(sql, false);
        while (results.hasNext()) {
            if (results.next() instanceof dev.basalt.engine.api.Result.Rows r) r.cursor().close();
        }
    }

    String get(String name) { return values.get(name); }

    /** Every parameter and its value, for pg_settings. */
    Map<String, String> all() { return java.util.Collections.unmodifiableMap(values); }

    static List<String> reportedOrder() { return List.copyOf(REPORTED); }
}
