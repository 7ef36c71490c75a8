package dev.basalt.engine.expr;

import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * What expressions need from the session while they run. Implemented by the session; tests use
 * a simple map-backed implementation.
 */
public interface EvalContext {

    enum Level { NOTE, WARNING, ERROR }

    /** Records a SHOW WARNINGS entry. */
    void warn(Level level, int code, String message);

    default void warn(int code, String message) { warn(Level.WARNING, code, message); }

    /** Whether a sql_mode flag is set (combination modes such as TRADITIONAL are expanded). */
    boolean sqlMode(SqlMode mode);

    /** STRICT_TRANS_TABLES or STRICT_ALL_TABLES. */
    default boolean strictMode() {
        return sqlMode(SqlMode.STRICT_TRANS_TABLES) || sqlMode(SqlMode.STRICT_ALL_TABLES);
    }

    /** Start of the current statement, in the session time zone: NOW() is fixed per statement. */
    LocalDateTime statementStart();

    ZoneId timeZone();

    long lastInsertId();

    /** LAST_INSERT_ID(x) sets the value the next LAST_INSERT_ID() returns. */
    void setLastInsertId(long id);

    long connectionId();

    /** Current database, or null when none is selected. */
    String database();

    /** 'user@host' as USER() prints it. */
    String user();

    /** 'user@host' of the matched account, as CURRENT_USER() prints it. */
    default String currentUser() { return user(); }

    /** A user variable's value (Long, BigInteger, BigDecimal, Double, String, byte[]) or null. */
    Object userVariable(String name);

    void setUserVariable(String name, Object value);

    /** @@name / @@global.name; throws SqlException 1193 when unknown. */
    Object systemVariable(String name, boolean global);

    /**
     * {@code @@session.name} / {@code @@local.name} named the session scope explicitly: a variable
     * that has only a global value is MySQL's error 1238 ("is a GLOBAL variable"), where plain
     * {@code @@name} reads the global value. Contexts that know no variable definitions let it pass.
     */
    default void requireSessionScope(String name) {}

    /** VERSION(). */
    String version();

    /** ROW_COUNT() of the previous statement. */
    long rowCount();

    /** FOUND_ROWS() of the previous SELECT. */
    long foundRows();

    /** Uniform in [0, 1): the session's RAND() source. */
    double random();

    /** group_concat_max_len. */
    default long groupConcatMaxLen() { return 1024; }

    /** div_precision_increment. */
    default int divPrecisionIncrement() { return 4; }

    /**
     * PostgreSQL's meaning for the operators whose MySQL meaning differs (a PostgreSQL-port
     * session): date + integer and date - integer are dates, date - date is a number of days.
     */
    default boolean postgresOperators() { return false; }
}
