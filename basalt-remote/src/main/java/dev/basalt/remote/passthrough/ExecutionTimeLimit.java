package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;
import dev.basalt.sql.ast.DefaultExpr;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.SetItem;
import dev.basalt.sql.ast.SetStatement;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.ast.SystemVariable;
import dev.basalt.sql.ast.VariableAssignment;
import dev.basalt.sql.ast.VariableScope;
import dev.basalt.sql.parser.MySqlParser;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's {@code max_execution_time} for one passthrough session whose remote does not have it
 * (MariaDB, whose own limit is {@code max_statement_time}, in seconds, for every statement): Basalt
 * keeps the session's value itself ({@code SET [SESSION] max_execution_time = n} is answered here,
 * not forwarded, where MariaDB would say 1193) and says, per forwarded statement, how long it may
 * run: as in MySQL, only read-only SELECTs are limited, by the {@code MAX_EXECUTION_TIME(n)} hint
 * of the top-level SELECT or else by the session's value. {@link StatementTimer} enforces it.
 */
final class ExecutionTimeLimit {
    private static final String VARIABLE = "max_execution_time";
    private static final Pattern HINT = Pattern.compile(
            "^[\\s(]*SELECT\\s*/\\*\\+[^*]*?\\bMAX_EXECUTION_TIME\\s*\\(\\s*(\\d+)\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final int ER_NOT_SUPPORTED_YET = 1235, ER_WRONG_TYPE_FOR_VAR = 1232;

    /** The session's value in milliseconds; 0: no limit (the global default). */
    private long sessionMillis;
    /** Prepared SELECTs by statement id: their hint's milliseconds, or -1 for the session's value. */
    private final Map<Long, Long> preparedSelects = new HashMap<>();

    /** True when the remote lacks max_execution_time, so Basalt must keep it: MariaDB. */
    static boolean needed(String serverVersion) {
        return serverVersion != null && serverVersion.contains("MariaDB");
    }

    long sessionMillis() { return sessionMillis; }

    /**
     * When {@code sql} sets max_execution_time: applies it and returns true (the caller answers
     * OK). False for any other statement (forwarded). A form Basalt cannot keep (GLOBAL, together
     * with other variables, a value that is not a number) is an honest error.
     */
    boolean set(byte[] sql, int offset, int length) {
        // every COM_QUERY passes here: a byte scan first, the parser only for a SET naming the variable
        if (!SqlBytes.firstWord(sql, offset, offset + length).equals("SET")
                || !SqlBytes.contains(sql, offset, offset + length, VARIABLE)) {
            return false;
        }
        Statement s;
        try {
            s = MySqlParser.parseOne(new String(sql, offset, length, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return false; // the remote reports the syntax error
        }
        if (!(s instanceof SetStatement set)) return false;
        VariableAssignment mine = null;
        for (SetItem item : set.items()) {
            if (item instanceof VariableAssignment a && a.target() instanceof SystemVariable v
                    && v.name().toLowerCase(Locale.ROOT).equals(VARIABLE)) {
                if (v.scope() != VariableScope.DEFAULT && v.scope() != VariableScope.SESSION) {
                    throw unsupported("SET GLOBAL max_execution_time through passthrough to a MariaDB server"
                            + " (set max_statement_time there)");
                }
                mine = a;
            }
        }
        if (mine == null) return false;
        if (set.items().size() > 1) {
            throw unsupported("max_execution_time together with other variables in one SET through passthrough to"
                    + " MariaDB (set it in a SET of its own)");
        }
        if (mine.value() instanceof DefaultExpr) {
            sessionMillis = 0;
        } else if (mine.value() instanceof NumberLiteral n && n.text().matches("\\d+")) {
            sessionMillis = Math.min(Long.parseLong(n.text()), 0xFFFF_FFFFL); // MySQL's range, clipped like MySQL
        } else {
            throw new SqlException(ER_WRONG_TYPE_FOR_VAR, "42000", "Incorrect argument type to variable '" + VARIABLE + "'");
        }
        return true;
    }

    /** Milliseconds the text statement may run; 0 for no limit. */
    long forQuery(byte[] sql, int offset, int length) {
        Long hint = selectHint(sql, offset, length);
        if (hint == null) return 0;
        return hint >= 0 ? hint : sessionMillis;
    }

    /** Milliseconds the prepared statement may run; 0 for no limit. */
    long forExecute(long statementId) {
        Long hint = preparedSelects.get(statementId);
        if (hint == null) return 0;
        return hint >= 0 ? hint : sessionMillis;
    }

    /** A statement was prepared with id {@code statementId}: remembered when it is a SELECT. */
    void prepared(long statementId, byte[] sql, int offset, int length) {
        Long hint = selectHint(sql, offset, length);
        if (hint != null) preparedSelects.put(statementId, hint);
    }

    void closed(long statementId) { preparedSelects.remove(statementId); }

    /** COM_RESET_CONNECTION or a new backend session: the global default, no statements. */
    void reset() {
        sessionMillis = 0;
        preparedSelects.clear();
    }

    /** Null when not a SELECT; its MAX_EXECUTION_TIME hint; -1 when it has none. */
    private static Long selectHint(byte[] sql, int offset, int length) {
        String first = SqlBytes.firstWord(sql, offset, offset + length);
        if (!first.equals("SELECT") && !first.equals("WITH") && !first.equals("(")) return null;
        if (!SqlBytes.contains(sql, offset, offset + length, "/*+")) return -1L;
        Matcher m = HINT.matcher(new String(sql, offset, length, StandardCharsets.UTF_8));
        return m.find() ? Long.parseLong(m.group(1)) : -1L;
    }

    private static SqlException unsupported(String what) {
        return new SqlException(ER_NOT_SUPPORTED_YET, "42000", "This version of MySQL doesn't yet support '" + what + "'");
    }
}
