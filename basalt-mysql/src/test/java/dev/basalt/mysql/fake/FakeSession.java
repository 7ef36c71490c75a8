package dev.basalt.mysql.fake;

import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a fixed repertoire of statements: SELECT 1, SELECT @@variables, SELECT 'literal' (echoed),
 * SELECT DATABASE()/CONNECTION_ID()/USER(), SELECT * FROM people, SET/INSERT/BEGIN/COMMIT, USE,
 * SLEEP n (ms), BOOM (an internal error), and a syntax error for anything else.
 */
public final class FakeSession implements Session {
    private static final Pattern VARIABLE = Pattern.compile(
            "@@(?:session\\.|global\\.)?([a-z_0-9]+)(?:\\s+as\\s+([a-z_0-9]+))?", Pattern.CASE_INSENSITIVE);
    private static final SqlType VARCHAR = SqlType.varchar(255);
    private static final Pattern SET_VARIABLE = Pattern.compile(
            "set (?:session |@@session\\.)?([a-z_]+) ?= ?(.+)", Pattern.CASE_INSENSITIVE);

    public static final List<ColumnInfo> PEOPLE_COLUMNS = List.of(
            new ColumnInfo("test", "people", "people", "id", "id", SqlType.INT, false, true, false, false, true),
            new ColumnInfo("test", "people", "people", "name", "name", SqlType.varchar(20), false, false, true, false, false),
            new ColumnInfo("test", "people", "people", "score", "score", SqlType.decimal(5, 2), true, false, false, false, false),
            new ColumnInfo("test", "people", "people", "born", "born", SqlType.DATE, true, false, false, true, false),
            new ColumnInfo("test", "people", "people", "photo", "photo", SqlType.of(TypeKind.BLOB), true, false, false, false, false),
            new ColumnInfo("test", "people", "people", "ratio", "ratio", SqlType.DOUBLE, true, false, false, false, false));

    public static List<Object[]> peopleRows() {
        return List.of(
                new Object[] {1L, "Ada", new BigDecimal("12.50"), LocalDate.of(1815, 12, 10), new byte[] {1, 2, (byte) 0xFB}, 0.5},
                new Object[] {2L, "Grace Hopper ✓", null, LocalDate.of(1906, 12, 9), null, null},
                new Object[] {3L, "", new BigDecimal("-3.00"), null, new byte[0], 1e100});
    }

    private final FakeEngine engine;
    private final SessionOptions options;
    private String database;
    private boolean inTransaction;
    private int warnings;
    private final Map<String, String> sessionVariables = new java.util.HashMap<>();

    FakeSession(FakeEngine engine, SessionOptions options) {
        this.engine = engine;
        this.options = options;
        this.database = options.database();
    }

    @Override
    public long connectionId() { return options.connectionId(); }

    @Override
    public String user() { return options.user(); }

    @Override
    public String database() { return database; }

    @Override
    public void useDatabase(String name) {
        if (!engine.databases.contains(name)) throw ErrorCode.ER_BAD_DB.error(name);
        database = name;
    }

    @Override
    public StatementResults execute(String sql, boolean multiStatements) {
        List<String> statements = new ArrayList<>();
        for (String s : sql.split(";")) {
            if (!s.isBlank()) statements.add(s.strip());
        }
        if (statements.isEmpty()) statements.add("");
        return new StatementResults() {
            int next;

            @Override
            public boolean hasNext() { return next < statements.size(); }

            @Override
            public Result next() {
                if (!multiStatements && statements.size() > 1) { // MySQL parses the whole text first
                    next = statements.size();
                    throw syntaxError(statements.get(1));
                }
                return run(statements.get(next++));
            }
        };
    }

    private Result run(String statement) {
        warnings = 0;
        String sql = stripComments(statement).replaceAll("\\s+", " ");
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) throw ErrorCode.ER_EMPTY_QUERY.error();
        if (lower.equals("select 1")) return single("1", SqlType.BIGINT, false, 1L);
        if (lower.equals("select database()")) return single("DATABASE()", VARCHAR, true, database);
        if (lower.equals("select connection_id()")) return single("CONNECTION_ID()", SqlType.BIGINT, false, options.connectionId());
        if (lower.equals("select user()")) return single("USER()", VARCHAR, false, options.user() + "@" + options.host());
        if (lower.equals("select database(), user() limit 1")) {
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {database, options.user() + "@" + options.host()});
            return new ListRows(List.of(ColumnInfo.expression("DATABASE()", VARCHAR, true),
                    ColumnInfo.expression("USER()", VARCHAR, false)), rows);
        }
        if (lower.equals("select * from people")) return new ListRows(PEOPLE_COLUMNS, peopleRows());
        if (lower.equals("select * from people_broken")) return new ListRows(PEOPLE_COLUMNS, peopleRows(), 1);
        if (lower.equals("select * from missing")) throw ErrorCode.ER_NO_SUCH_TABLE.error(database, "missing");
        if (lower.startsWith("select * from seq_")) return sequence(Integer.parseInt(lower.substring(18)));
        if (lower.startsWith("select @@")) return variables(sql);
        if (lower.startsWith("select '") && lower.endsWith("'") && sql.length() >= 9) {
            String literal = sql.substring(8, sql.length() - 1);
            return single(literal.length() > 64 ? "long_literal" : literal, SqlType.LONGTEXT, false, literal);
        }
        Matcher set = SET_VARIABLE.matcher(sql);
        if (set.matches()) {
            sessionVariables.put(set.group(1).toLowerCase(Locale.ROOT), set.group(2).strip().replace("'", ""));
            return new Result.Update(0, 0, 0, null);
        }
        if (lower.startsWith("set ")) return new Result.Update(0, 0, 0, null);
        if (lower.startsWith("use ")) {
            useDatabase(sql.substring(4).strip().replace("`", ""));
            return new Result.Update(0, 0, 0, null);
        }
        if (lower.startsWith("insert")) {
            warnings = lower.contains("warn") ? 1 : 0;
            return new Result.Update(3, 42, warnings, "Records: 3  Duplicates: 0  Warnings: " + warnings);
        }
        if (lower.equals("begin") || lower.equals("start transaction")) {
            inTransaction = true;
            return new Result.Update(0, 0, 0, null);
        }
        if (lower.equals("commit") || lower.equals("rollback")) {
            inTransaction = false;
            return new Result.Update(0, 0, 0, null);
        }
        if (lower.equals("show warnings")) {
            return new ListRows(List.of(ColumnInfo.expression("Level", VARCHAR, false),
                    ColumnInfo.expression("Code", SqlType.of(TypeKind.INT, 4).withUnsigned(true), false),
                    ColumnInfo.expression("Message", VARCHAR, false)), List.of());
        }
        if (lower.startsWith("sleep ")) {
            try {
                Thread.sleep(Long.parseLong(lower.substring(6).strip()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Result.Update(0, 0, 0, null);
        }
        if (lower.equals("boom")) throw new IllegalStateException("kaboom: engine bug");
        throw syntaxError(sql);
    }

    private static SqlException syntaxError(String near) {
        String shown = near.length() > 80 ? near.substring(0, 80) : near;
        return ErrorCode.ER_PARSE_ERROR.error("You have an error in your SQL syntax; check the manual that corresponds "
                + "to your MySQL server version for the right syntax to use near '" + shown + "' at line 1");
    }

    private static String stripComments(String sql) {
        String s = sql.strip();
        while (s.startsWith("/*")) {
            int end = s.indexOf("*/");
            if (end < 0) break;
            s = s.substring(end + 2).strip();
        }
        return s;
    }

    private Result variables(String sql) {
        String list = sql.substring(6).replaceAll("(?i)\\s+limit\\s+\\d+\\s*$", "");
        List<ColumnInfo> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (String item : list.split(",")) {
            Matcher m = VARIABLE.matcher(item.strip());
            if (!m.matches()) throw syntaxError(item);
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String label = m.group(2) != null ? m.group(2) : item.strip();
            Object value = variable(name);
            if (value == null && !VARIABLES.containsKey(name)) throw ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE.error(name);
            columns.add(ColumnInfo.expression(label, value instanceof Long ? SqlType.BIGINT : VARCHAR, true));
            values.add(value);
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(values.toArray());
        return new ListRows(columns, rows);
    }

    private static final Map<String, Object> VARIABLES = Map.ofEntries(
            Map.entry("auto_increment_increment", 1L),
            Map.entry("autocommit", 1L),
            Map.entry("character_set_client", "utf8mb4"),
            Map.entry("character_set_connection", "utf8mb4"),
            Map.entry("character_set_results", "utf8mb4"),
            Map.entry("character_set_server", "utf8mb4"),
            Map.entry("character_set_database", "utf8mb4"),
            Map.entry("collation_server", "utf8mb4_0900_ai_ci"),
            Map.entry("collation_connection", "utf8mb4_0900_ai_ci"),
            Map.entry("init_connect", ""),
            Map.entry("interactive_timeout", 28800L),
            Map.entry("license", "GPL"),
            Map.entry("lower_case_table_names", 0L),
            Map.entry("net_write_timeout", 60L),
            Map.entry("performance_schema", 0L),
            Map.entry("sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"),
            Map.entry("system_time_zone", "UTC"),
            Map.entry("time_zone", "SYSTEM"),
            Map.entry("transaction_isolation", "REPEATABLE-READ"),
            Map.entry("tx_isolation", "REPEATABLE-READ"),
            Map.entry("transaction_read_only", 0L),
            Map.entry("version_comment", "Basalt test engine"),
            Map.entry("version", "8.0.40-basalt-test"),
            Map.entry("wait_timeout", 28800L));

    private Object variable(String name) {
        name = name.toLowerCase(Locale.ROOT);
        if (name.equals("max_allowed_packet")) return engine.maxAllowedPacket;
        if (sessionVariables.containsKey(name)) return sessionVariables.get(name);
        return VARIABLES.get(name);
    }

    /** Rows (i, 'row-i', i/4.0) for i in 1..n, produced lazily into one reused array like a real executor. */
    private static Result.Rows sequence(int n) {
        List<ColumnInfo> columns = List.of(ColumnInfo.expression("i", SqlType.BIGINT, false),
                ColumnInfo.expression("label", SqlType.varchar(32), false),
                ColumnInfo.expression("quarter", SqlType.decimal(12, 2), false));
        return new Result.Rows() {
            public List<ColumnInfo> columns() { return columns; }

            public dev.basalt.engine.api.RowCursor cursor() {
                Object[] row = new Object[3];
                return new dev.basalt.engine.api.RowCursor() {
                    long i;

                    public Object[] next() {
                        if (i == n) return null;
                        i++;
                        row[0] = i;
                        row[1] = "row-" + i;
                        row[2] = BigDecimal.valueOf(i * 25, 2);
                        return row;
                    }

                    public void close() {}
                };
            }
        };
    }

    private static ListRows single(String label, SqlType type, boolean nullable, Object value) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return new ListRows(List.of(ColumnInfo.expression(label, type, nullable)), rows);
    }

    @Override
    public List<ColumnInfo> fieldList(String table, String wildcard) {
        if (!table.equalsIgnoreCase("people")) throw ErrorCode.ER_NO_SUCH_TABLE.error(database, table);
        return PEOPLE_COLUMNS;
    }

    @Override
    public boolean autocommit() { return true; }

    @Override
    public boolean inTransaction() { return inTransaction; }

    @Override
    public boolean inReadOnlyTransaction() { return false; }

    @Override
    public int warningCount() { return warnings; }

    @Override
    public void reset() {
        inTransaction = false;
        warnings = 0;
    }

    @Override
    public String systemVariable(String name) {
        Object v = variable(name);
        return v == null ? null : v.toString();
    }

    @Override
    public void close() { engine.openSessions.decrementAndGet(); }


    // ---- prepared statements: "SELECT * FROM people" and "ECHO ?, ?, ..." ----------------------

    private record FakePrepared(String sql, int parameterCount, List<ColumnInfo> columns)
            implements dev.basalt.engine.api.PreparedStatementHandle {}

    @Override
    public dev.basalt.engine.api.PreparedStatementHandle prepare(String sql) {
        if (sql.equalsIgnoreCase("select * from people")) return new FakePrepared(sql, 0, PEOPLE_COLUMNS);
        if (!sql.toUpperCase(Locale.ROOT).startsWith("ECHO")) throw ErrorCode.ER_PARSE_ERROR.error("bad statement");
        int n = (int) sql.chars().filter(ch -> ch == '?').count();
        List<ColumnInfo> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) columns.add(ColumnInfo.expression("p" + i, VARCHAR, true));
        return new FakePrepared(sql, n, List.copyOf(columns));
    }

    /** ECHO returns each parameter as "value:JavaClass" (null stays NULL), so tests see what was decoded. */
    @Override
    public StatementResults executePrepared(dev.basalt.engine.api.PreparedStatementHandle handle, Object[] parameters) {
        FakePrepared p = (FakePrepared) handle;
        Result result;
        if (p.parameterCount() == 0) {
            result = new ListRows(PEOPLE_COLUMNS, peopleRows());
        } else {
            Object[] row = new Object[parameters.length];
            for (int i = 0; i < row.length; i++) {
                Object v = parameters[i];
                row[i] = v == null ? null : (v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v.toString())
                        + ":" + v.getClass().getSimpleName();
            }
            result = new ListRows(p.columns(), List.<Object[]>of(row));
        }
        return new StatementResults() {
            boolean done;

            @Override public boolean hasNext() { return !done; }

            @Override public Result next() {
                done = true;
                return result;
            }
        };
    }
}
