package dev.basalt.engine.session;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's system variables: their definitions (scope, type, default) and global values.
 * Session values live in {@link SessionVariables}. Names are case-insensitive, stored lower case.
 * Values are Long (integers and booleans, as MySQL's SELECT @@x returns them) or String.
 */
public final class SystemVariables {

    public enum Scope { GLOBAL, SESSION, BOTH }

    public enum Kind { BOOL, INT, STRING, ENUM }

    /** A variable's definition. {@code allowed} lists ENUM values (upper case). */
    public record Def(String name, Scope scope, Kind kind, Object defaultValue, boolean readOnly, String... allowed) {
    }

    private final Map<String, Def> defs = new LinkedHashMap<>();
    private final Map<String, Object> globals = new ConcurrentHashMap<>();

    public static final String DEFAULT_SQL_MODE =
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    public SystemVariables(String version, long maxAllowedPacket, int port, String dataDir) {
        def("autocommit", Scope.BOTH, Kind.BOOL, 1L);
        def("auto_increment_increment", Scope.BOTH, Kind.INT, 1L);
        def("auto_increment_offset", Scope.BOTH, Kind.INT, 1L);
        def("big_tables", Scope.BOTH, Kind.BOOL, 0L);
        def("character_set_client", Scope.BOTH, Kind.STRING, "utf8mb4");
        def("character_set_connection", Scope.BOTH, Kind.STRING, "utf8mb4");
        def("character_set_database", Scope.BOTH, Kind.STRING, "utf8mb4");
        def("character_set_filesystem", Scope.BOTH, Kind.STRING, "binary");
        def("character_set_results", Scope.BOTH, Kind.STRING, "utf8mb4");
        def("character_set_server", Scope.BOTH, Kind.STRING, "utf8mb4");
        def("character_set_system", Scope.GLOBAL, Kind.STRING, "utf8mb3", true);
        def("collation_connection", Scope.BOTH, Kind.STRING, "utf8mb4_0900_ai_ci");
        def("collation_database", Scope.BOTH, Kind.STRING, "utf8mb4_0900_ai_ci");
        def("collation_server", Scope.BOTH, Kind.STRING, "utf8mb4_0900_ai_ci");
        def("completion_type", Scope.BOTH, Kind.ENUM, "NO_CHAIN", false, "NO_CHAIN", "CHAIN", "RELEASE");
        def("cte_max_recursion_depth", Scope.BOTH, Kind.INT, 1000L);
        def("datadir", Scope.GLOBAL, Kind.STRING, dataDir == null ? "" : dataDir, true);
        // where sort / GROUP BY / DISTINCT spill beyond the per-query memory budget (-Dbasalt.tmpdir)
        def("tmpdir", Scope.GLOBAL, Kind.STRING, dev.basalt.engine.exec.spill.SpillFile.directory().toString(), true);
        def("default_authentication_plugin", Scope.GLOBAL, Kind.STRING, "caching_sha2_password", true);
        def("default_storage_engine", Scope.BOTH, Kind.STRING, "InnoDB");
        def("default_week_format", Scope.BOTH, Kind.INT, 0L);
        def("div_precision_increment", Scope.BOTH, Kind.INT, 4L);
        def("explicit_defaults_for_timestamp", Scope.BOTH, Kind.BOOL, 1L);
        def("foreign_key_checks", Scope.BOTH, Kind.BOOL, 1L);
        def("group_concat_max_len", Scope.BOTH, Kind.INT, 1024L);
        def("have_ssl", Scope.GLOBAL, Kind.STRING, "DISABLED", true);
        // TLS: the server sets these at start when it offers TLS (have_* YES, the certificate files)
        def("have_openssl", Scope.GLOBAL, Kind.STRING, "DISABLED", true);
        // dynamic as in MySQL 8.0.16+: a new value takes effect at ALTER INSTANCE RELOAD TLS
        def("ssl_ca", Scope.GLOBAL, Kind.STRING, "", false);
        def("ssl_cert", Scope.GLOBAL, Kind.STRING, "", false);
        def("ssl_key", Scope.GLOBAL, Kind.STRING, "", false);
        def("tls_version", Scope.GLOBAL, Kind.STRING, "TLSv1.2,TLSv1.3", false);
        def("ssl_cipher", Scope.GLOBAL, Kind.STRING, "", false);
        // TLSv1.3 suites (empty: the JDK's, as MySQL's NULL leaves OpenSSL's) and certificate revocation lists
        def("tls_ciphersuites", Scope.GLOBAL, Kind.STRING, "", false);
        def("ssl_crl", Scope.GLOBAL, Kind.STRING, "", false);
        def("ssl_crlpath", Scope.GLOBAL, Kind.STRING, "", false);
        def("require_secure_transport", Scope.GLOBAL, Kind.BOOL, 0L);
        def("hostname", Scope.GLOBAL, Kind.STRING, "localhost", true);
        // no Unix socket and no installation directory: empty, as tools only display them
        def("socket", Scope.GLOBAL, Kind.STRING, "", true);
        def("basedir", Scope.GLOBAL, Kind.STRING, "", true);
        // the event scheduler runs while ON (MySQL 8's default); DISABLED is a start-up setting only
        def("event_scheduler", Scope.GLOBAL, Kind.ENUM, "ON", false, "OFF", "ON");
        // read by GUI tools' server-status pages: Basalt has no GTIDs, and
        // reports the 16 KiB pages its size estimates assume; the uuid is new at each start
        def("gtid_mode", Scope.GLOBAL, Kind.STRING, "OFF", true);
        def("innodb_page_size", Scope.GLOBAL, Kind.INT, 16384L, true);
        def("innodb_version", Scope.GLOBAL, Kind.STRING, version.replaceFirst("-.*", ""), true);
        def("server_uuid", Scope.GLOBAL, Kind.STRING, java.util.UUID.randomUUID().toString(), true);
        def("init_connect", Scope.GLOBAL, Kind.STRING, "");
        // seconds a client has to finish its handshake (MySQL's default); the listener reads it
        def("connect_timeout", Scope.GLOBAL, Kind.INT, 10L);
        def("innodb_lock_wait_timeout", Scope.BOTH, Kind.INT, 50L);
        // statistics taken again after 10% of a table's rows changed (stats.AutoRecalc), InnoDB's default ON
        def("innodb_stats_auto_recalc", Scope.GLOBAL, Kind.BOOL, 1L);
        def("interactive_timeout", Scope.BOTH, Kind.INT, 28800L);
        def("lc_messages", Scope.BOTH, Kind.STRING, "en_US");
        def("lc_time_names", Scope.BOTH, Kind.STRING, "en_US");
        def("license", Scope.GLOBAL, Kind.STRING, "Apache-2.0", true);
        def("lock_wait_timeout", Scope.BOTH, Kind.INT, 31536000L);
        def("log_bin", Scope.GLOBAL, Kind.BOOL, 0L, true);
        def("lower_case_table_names", Scope.GLOBAL, Kind.INT, 0L, true);
        def("max_allowed_packet", Scope.BOTH, Kind.INT, maxAllowedPacket);
        def("max_connections", Scope.GLOBAL, Kind.INT, 151L);
        // Basalt's plan cache of text statements (session.TextPlanCache): OFF parses and plans every text statement
        def("basalt_text_plan_cache", Scope.BOTH, Kind.BOOL, 1L);
        def("max_snapshot_age", Scope.GLOBAL, Kind.INT, 600L); // seconds an open transaction may hold its snapshot; 0: no cap
        // failed-login throttling (MySQL's connection_control plugin); the longest delay is 30 s here, not ~24 days
        def("connection_control_failed_connections_threshold", Scope.GLOBAL, Kind.INT, 3L);
        def("connection_control_min_connection_delay", Scope.GLOBAL, Kind.INT, 1000L);
        def("connection_control_max_connection_delay", Scope.GLOBAL, Kind.INT, 30_000L);
        def("max_execution_time", Scope.BOTH, Kind.INT, 0L);
        def("max_join_size", Scope.BOTH, Kind.INT, -1L);
        def("max_sp_recursion_depth", Scope.BOTH, Kind.INT, 0L);
        def("net_buffer_length", Scope.BOTH, Kind.INT, 16384L);
        def("net_read_timeout", Scope.BOTH, Kind.INT, 30L);
        def("net_write_timeout", Scope.BOTH, Kind.INT, 60L);
        def("performance_schema", Scope.GLOBAL, Kind.BOOL, 0L, true);
        def("port", Scope.GLOBAL, Kind.INT, (long) port, true);
        def("protocol_version", Scope.GLOBAL, Kind.INT, 10L, true);
        def("thread_handling", Scope.GLOBAL, Kind.STRING, "one-thread-per-connection", true); // the server sets the true one
        // idle connection threads kept for the next connections (api.ConnectionThreads; MySQL's default for 151 connections)
        def("thread_cache_size", Scope.GLOBAL, Kind.INT, 9L);
        def("query_cache_size", Scope.GLOBAL, Kind.INT, 0L);
        def("query_cache_type", Scope.BOTH, Kind.ENUM, "OFF", false, "OFF", "ON", "DEMAND");
        def("read_only", Scope.GLOBAL, Kind.BOOL, 0L);
        def("server_id", Scope.GLOBAL, Kind.INT, 1L);
        def("session_track_schema", Scope.BOTH, Kind.BOOL, 1L);
        def("session_track_state_change", Scope.BOTH, Kind.BOOL, 0L);
        def("session_track_system_variables", Scope.BOTH, Kind.STRING, "time_zone,autocommit,character_set_client,character_set_results,character_set_connection");
        def("session_track_transaction_info", Scope.BOTH, Kind.ENUM, "OFF", false, "OFF", "STATE", "CHARACTERISTICS");
        def("skip_networking", Scope.GLOBAL, Kind.BOOL, 0L, true);
        def("sql_auto_is_null", Scope.BOTH, Kind.BOOL, 0L);
        def("sql_big_selects", Scope.BOTH, Kind.BOOL, 1L);
        def("sql_log_bin", Scope.SESSION, Kind.BOOL, 1L); // session-only in MySQL 8: @@global is 1238
        def("sql_mode", Scope.BOTH, Kind.STRING, DEFAULT_SQL_MODE);
        def("sql_notes", Scope.BOTH, Kind.BOOL, 1L);
        def("sql_quote_show_create", Scope.BOTH, Kind.BOOL, 1L);
        def("sql_require_primary_key", Scope.BOTH, Kind.BOOL, 0L);
        def("sql_safe_updates", Scope.BOTH, Kind.BOOL, 0L);
        def("sql_select_limit", Scope.BOTH, Kind.INT, -1L);
        def("sql_warnings", Scope.BOTH, Kind.BOOL, 0L);
        def("system_time_zone", Scope.GLOBAL, Kind.STRING, dev.basalt.engine.time.TimeZones.systemZoneName(), true);
        def("time_zone", Scope.BOTH, Kind.STRING, "SYSTEM");
        def("transaction_isolation", Scope.BOTH, Kind.ENUM, "REPEATABLE-READ", false,
                "READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE");
        def("transaction_read_only", Scope.BOTH, Kind.BOOL, 0L);
        def("unique_checks", Scope.BOTH, Kind.BOOL, 1L);
        def("version", Scope.GLOBAL, Kind.STRING, version, true);
        def("version_comment", Scope.GLOBAL, Kind.STRING, "Basalt", true);
        def("version_compile_machine", Scope.GLOBAL, Kind.STRING, "x86_64", true);
        def("version_compile_os", Scope.GLOBAL, Kind.STRING, "Linux", true);
        def("wait_timeout", Scope.BOTH, Kind.INT, 28800L);
        def("warning_count", Scope.SESSION, Kind.INT, 0L, true);
        def("error_count", Scope.SESSION, Kind.INT, 0L, true);
        // server files for SELECT ... INTO OUTFILE / LOAD DATA: only under this directory; NULL (the
        // default here) refuses them (1290). Set at startup with configure().
        def("secure_file_priv", Scope.GLOBAL, Kind.STRING, null, true);
        // LOAD DATA LOCAL: OFF refuses it (3948), as MySQL 8's default
        def("local_infile", Scope.GLOBAL, Kind.BOOL, 0L);
        // slow and general query logs (QueryLogs); the server points the files into the data directory
        def("slow_query_log", Scope.GLOBAL, Kind.BOOL, 0L);
        def("slow_query_log_file", Scope.GLOBAL, Kind.STRING, "basalt-slow.log");
        def("long_query_time", Scope.BOTH, Kind.STRING, "10.000000");
        def("general_log", Scope.GLOBAL, Kind.BOOL, 0L);
        def("general_log_file", Scope.GLOBAL, Kind.STRING, "basalt.log");
        // FILE, TABLE (rows of mysql.slow_log / general_log), both, or NONE: a set, as MySQL's
        def("log_output", Scope.GLOBAL, Kind.STRING, "FILE");
        // slow log: statements that read a whole table or index too; and a floor of rows examined
        def("log_queries_not_using_indexes", Scope.GLOBAL, Kind.BOOL, 0L);
        // at most this many of those entries a minute, the rest summed into one summary (0: no limit)
        def("log_throttle_queries_not_using_indexes", Scope.GLOBAL, Kind.INT, 0L);
        def("min_examined_row_limit", Scope.BOTH, Kind.INT, 0L);
        // slow log: ALTER TABLE, ANALYZE, CHECK, OPTIMIZE, REPAIR, CREATE/DROP INDEX only when ON;
        // log_slow_extra: Thread_id, Errno, Killed, Bytes_received, Bytes_sent, Sort_rows, Start and End
        // on the file's Query_time line
        def("log_slow_admin_statements", Scope.GLOBAL, Kind.BOOL, 0L);
        def("log_slow_extra", Scope.GLOBAL, Kind.BOOL, 0L);
    }

    /** Told the name of each global that changes (at startup and by SET GLOBAL), e.g. by {@link QueryLogs}. */
    private volatile java.util.function.Consumer<String> globalChanged = name -> { };

    public void onGlobalChange(java.util.function.Consumer<String> listener) {
        java.util.function.Consumer<String> before = globalChanged;
        globalChanged = before.andThen(listener);
    }

    /** Sets a global at startup, read-only ones too (the server's configuration, e.g. secure_file_priv). */
    public void configure(String name, Object value) {
        Def d = require(name);
        globals.put(d.name(), normalize(d, value));
        globalChanged.accept(d.name());
    }

    private void def(String name, Scope scope, Kind kind, Object dflt, boolean readOnly, String... allowed) {
        defs.put(name, new Def(name, scope, kind, dflt, readOnly, allowed));
        if (dflt != null) globals.put(name, dflt);
    }

    private void def(String name, Scope scope, Kind kind, Object dflt) {
        def(name, scope, kind, dflt, false);
    }

    public Def definition(String name) {
        // the engine asks by lower-case literal several times per statement: skip the case folding then
        Def d = defs.get(name);
        return d != null ? d : defs.get(name.toLowerCase(Locale.ROOT));
    }

    /** The definition, or error 1193 "Unknown system variable". */
    public Def require(String name) {
        Def d = definition(name);
        if (d == null) throw new SqlException(ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE, name);
        return d;
    }

    public Object global(String name) {
        return globals.get(require(name).name());
    }

    public void setGlobal(String name, Object value) {
        Def d = require(name);
        if (d.scope() == Scope.SESSION) throw new SqlException(ErrorCode.ER_LOCAL_VARIABLE, d.name());
        if (d.readOnly()) throw new SqlException(ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR, d.name(), "read only");
        Object normalized = normalize(d, value);
        // as MySQL: requiring TLS when no listener offers it would lock every client out
        if (d.name().equals("require_secure_transport") && Long.valueOf(1L).equals(normalized)
                && !"YES".equals(globals.get("have_ssl"))) {
            throw new SqlException(ErrorCode.ER_NO_SECURE_TRANSPORTS_CONFIGURED);
        }
        globals.put(d.name(), normalized);
        version++;
        globalChanged.accept(d.name());
    }

    /** Bumped by every SET GLOBAL: a kept prepared plan made before it is made again. */
    private volatile long version;

    public long version() { return version; }

    /** All definitions, sorted by name (SHOW VARIABLES order). */
    public Map<String, Def> all() {
        return Collections.unmodifiableMap(new TreeMap<>(defs));
    }

    /**
     * Checks and converts a value for the variable: booleans from ON/OFF/TRUE/FALSE/1/0, integers
     * from numbers, enums from their names or ordinals. Raises 1231 or 1232 like MySQL.
     */
    public static Object normalize(Def d, Object value) {
        if (value == null) {
            if (d.name().equals("time_zone")) throw new SqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, d.name(), "NULL");
            if (d.kind() == Kind.STRING) return "";
            throw new SqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, d.name(), "NULL");
        }
        return switch (d.kind()) {
            case BOOL -> {
                if (value instanceof Number n) {
                    long v = n.longValue();
                    if (v == 0 || v == 1) yield v;
                    throw new SqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, d.name(), String.valueOf(value));
                }
                String s = value.toString().toUpperCase(Locale.ROOT);
                yield switch (s) {
                    case "ON", "TRUE", "1" -> 1L;
                    case "OFF", "FALSE", "0" -> 0L;
                    default -> throw new SqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, d.name(), value.toString());
                };
            }
            case INT -> {
                long v;
                if (value instanceof Number n) {
                    v = n.longValue();
                } else {
                    try {
                        v = Long.parseLong(value.toString().trim());
                    } catch (NumberFormatException e) {
                        throw new SqlException(ErrorCode.ER_WRONG_TYPE_FOR_VAR, d.name());
                    }
                }
                // MySQL's range: a value outside is stored at the nearest bound
                yield d.name().equals("thread_cache_size") ? Math.max(0, Math.min(16384, v)) : v;
            }
            case ENUM -> {
                if (value instanceof Number n) {
                    int i = n.intValue();
                    if (i >= 0 && i < d.allowed().length) yield d.allowed()[i];
                    throw new SqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, d.name(), String.valueOf(value));
                }
                String s = value.toString().toUpperCase(Locale.ROOT);
                for (String a : d.allowed()) if (a.equals(s)) yield a;
                throw new SqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, d.name(), value.toString());
            }
            case STRING -> d.name().equals("time_zone") ? timeZone(value.toString())
                    : d.name().equals("long_query_time") ? seconds(d, value)
                    : d.name().equals("log_output") ? logOutput(d, value) : value.toString();
        };
    }

    /** long_query_time: seconds with microseconds, as MySQL shows it; negative values become 0 as there. */
    private static String seconds(Def d, Object value) {
        double v;
        try {
            v = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new SqlException(ErrorCode.ER_WRONG_TYPE_FOR_VAR, d.name());
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new SqlException(ErrorCode.ER_WRONG_TYPE_FOR_VAR, d.name());
        return String.format(Locale.ROOT, "%.6f", Math.min(Math.max(v, 0), 31536000));
    }

    /**
     * log_output is a SET of FILE, TABLE and NONE: members in any case and order, shown in
     * definition order; anything else (or an empty value) is 1231, as in MySQL.
     */
    private static String logOutput(Def d, Object value) {
        java.util.Set<String> members = new java.util.HashSet<>();
        for (String m : value.toString().split(",", -1)) members.add(m.trim().toUpperCase(Locale.ROOT));
        StringBuilder out = new StringBuilder();
        for (String m : java.util.List.of("NONE", "FILE", "TABLE")) {
            if (members.remove(m)) out.append(out.isEmpty() ? "" : ",").append(m);
        }
        if (!members.isEmpty() || out.isEmpty()) {
            throw new SqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, d.name(), value.toString());
        }
        return out.toString();
    }

    /** time_zone must name a zone we know (1298 as MySQL); offsets are stored as MySQL prints them. */
    private static String timeZone(String name) {
        String c = dev.basalt.engine.time.TimeZones.canonical(name);
        if (c == null) throw new SqlException(ErrorCode.ER_UNKNOWN_TIME_ZONE, name);
        return c;
    }
}
