package dev.basalt.engine.api;

import java.util.List;

/**
 * One client connection's view of the engine: default database, session variables,
 * transaction state. Used by one thread at a time (the connection's virtual thread).
 */
public interface Session extends AutoCloseable {

    long connectionId();

    String user();

    /** Current default database, or null. */
    String database();

    /** COM_INIT_DB / USE: raises 1049 for an unknown database. */
    void useDatabase(String name);

    /**
     * Runs SQL text. With {@code multiStatements} the text may hold several statements separated
     * by ';', run one after another as the returned stream is consumed; without it, a second
     * statement is a syntax error (1064) as in MySQL. Errors surface from
     * {@link StatementResults#next()} as {@link SqlException}; statements after an error are not run.
     */
    StatementResults execute(String sql, boolean multiStatements);

    /**
     * COM_STMT_PREPARE: parses one statement (a second one is a syntax error) with {@code ?}
     * placeholders and reports its parameter count and result columns. Parse and name errors
     * surface here as {@link SqlException}.
     */
    default PreparedStatementHandle prepare(String sql) {
        throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "prepared statements");
    }

    /**
     * COM_STMT_EXECUTE: runs a prepared statement with one value per placeholder, in the Java
     * mapping of {@link dev.basalt.engine.types.TypeKind} (null for SQL NULL). Yields exactly one
     * result; errors surface from {@link StatementResults#next()}.
     */
    default StatementResults executePrepared(PreparedStatementHandle statement, Object[] parameters) {
        throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "prepared statements");
    }

    /** COM_STMT_CLOSE: the handle may not be executed again. */
    default void closePrepared(PreparedStatementHandle statement) {
    }

    /** COM_FIELD_LIST: the columns of a table in the current database. */
    List<ColumnInfo> fieldList(String table, String wildcard);

    /** True while autocommit is on (SERVER_STATUS_AUTOCOMMIT). */
    boolean autocommit();

    /** True while an explicit or implicit transaction is open (SERVER_STATUS_IN_TRANS). */
    boolean inTransaction();

    /** True inside a READ ONLY transaction (SERVER_STATUS_IN_TRANS_READONLY). */
    boolean inReadOnlyTransaction();

    /**
     * True when sql_mode has NO_BACKSLASH_ESCAPES (SERVER_STATUS_NO_BACKSLASH_ESCAPES). Asked for
     * every response, so sessions answer it from their parsed sql_mode rather than its text.
     */
    default boolean noBackslashEscapes() {
        String mode = systemVariable("sql_mode");
        return mode != null && mode.contains("NO_BACKSLASH_ESCAPES");
    }

    /** Warnings raised by the last statement (count for the OK/EOF packet). */
    int warningCount();

    /** COM_RESET_CONNECTION: rolls back, clears variables, temp state and warnings; keeps the user and database. */
    void reset();

    /**
     * {@link #reset()} for a pool that keeps its own prepared handles between the requests it
     * serves (no client ever sees them): statements from {@link #prepare} stay prepared, SQL-level
     * PREPAREs go as with reset(). Sessions that cannot keep them say so.
     */
    default void resetKeepingPrepared() {
        throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "keeping prepared statements across a reset");
    }

    /** Value of a session system variable as text, or null if unknown (e.g. "max_allowed_packet"). */
    String systemVariable(String name);

    /**
     * A number that changes whenever a session or global system variable of this session may have
     * changed, so a protocol can keep values it derived from {@link #systemVariable} until then;
     * -1 when the session cannot tell (read the variables every time).
     */
    default long variablesVersion() { return -1; }

    /**
     * How to hang up this session's connection when SQL {@code KILL n} names it: the protocol
     * registers its own close (the same as COM_PROCESS_KILL). Without one, KILL only closes the session.
     */
    default void onKill(Runnable hangUp) { }

    /**
     * The connection is being closed under a running statement (COM_PROCESS_KILL, a forced
     * shutdown): the statement stops at its next cancellation check instead of running on.
     */
    default void interruptForClose() { }

    /**
     * How this session reads client files for LOAD DATA LOCAL INFILE; not called (LOCAL refused with
     * 3948) when the client did not offer local files.
     */
    default void setLocalFiles(LocalFiles files) { }

    /**
     * The connection's TLS protocol, cipher and implementation, as SHOW SESSION STATUS shows them
     * (Ssl_version, Ssl_cipher, Ssl_library: ALTER INSTANCE RELOAD TLS may give new connections
     * another library); never called for a plaintext connection, whose values stay empty.
     */
    default void setTls(String version, String cipher, String library) { }

    /**
     * Gives the session PostgreSQL's meaning for the operators whose MySQL meaning differs
     * (date + integer is a date, date - date a number of days): the PostgreSQL port sets it for
     * its sessions at start-up.
     */
    default void setPostgresOperators(boolean on) { }

    /**
     * The connection's byte counters (cumulative, packet headers included) for the slow log's
     * Bytes_received and Bytes_sent (log_slow_extra). A session given them writes such an entry
     * once the protocol says the response is out ({@link #commandDone}), so the bytes of the
     * closing OK or EOF packet count, as in MySQL.
     */
    default void setTrafficCounters(java.util.function.LongSupplier received, java.util.function.LongSupplier sent) { }

    /** The response to the client's last command has been sent (protocols that gave {@link #setTrafficCounters}). */
    default void commandDone() { }

    /**
     * Starts (table non-null) or stops recording the primary-key values of the rows INSERT
     * statements insert into {@code database.table}, in insertion order, so a protocol can read
     * back the rows a statement made (PostgreSQL's INSERT ... RETURNING) on tables without a
     * serial column. Starting clears what was recorded before.
     */
    default void recordInsertedKeys(String database, String table) { }

    /** The primary keys recorded since {@link #recordInsertedKeys} started (column order of the key). */
    default List<Object[]> insertedKeys() { return List.of(); }

    /** Rolls back any open transaction and frees resources. */
    @Override
    void close();
}
