package dev.basalt.engine.session;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.api.ColumnInfo;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.plan.BoundParameters;
import dev.basalt.engine.plan.PlanColumn;
import dev.basalt.engine.plan.PreparedStatement;
import dev.basalt.engine.plan.QueryPlanner;
import dev.basalt.sql.ast.Query;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.api.StatementResults;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.SqlMode;
import dev.basalt.engine.statement.StatementRunner;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.sql.ParseException;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.parser.MySqlParser;
import dev.basalt.sql.parser.ParserOptions;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One connection's state: default database, variables, warnings, and the open transaction.
 * Also the {@link EvalContext} expressions see. Statements themselves run in
 * {@link StatementRunner}.
 */
public final class BasaltSession implements Session, EvalContext {

    private final BasaltEngine engine;
    private final long id;
    private final String user;
    private final String host;
    private String database;
    private final SessionVariables variables;
    private EnumSet<SqlMode> sqlMode;
    private final Map<String, Object> userVariables = new HashMap<>();
    private List<Warning> warnings = new ArrayList<>();
    private List<Warning> statementWarnings = new ArrayList<>();
    private long lastInsertId;
    private long rowCount = -1;
    private long foundRows;
    private long statementRowCount = -1;
    private long statementFoundRows;
    /** When the current statement began: NOW() and friends read it in the session time zone. */
    private java.time.Instant statementStart = java.time.Instant.now();
    private SplittableRandom random = new SplittableRandom();
    private final SessionTransaction txn;
    private final StatementRunner runner;
    private volatile Runnable hangUp;
    private volatile String currentStatement;
    private volatile long statementStartMillis;
    private boolean closed;
    /** Set by KILL and max_execution_time: long-running work checks it and stops (1317 / 3024). */
    private final dev.basalt.engine.exec.Cancellation cancellation = new dev.basalt.engine.exec.Cancellation();
    /** The statement's budget for buffered rows (sorts, hash tables): over it, 1038 / 1041. */
    private final dev.basalt.engine.exec.QueryMemory memory = new dev.basalt.engine.exec.QueryMemory();
    /** The slow log's clock for the client statement running (QueryLogs.NOT_TIMED: not timed), its rows sent. */
    private long logStartNanos = QueryLogs.NOT_TIMED;
    /** The client statement running is an administrative one (log_slow_admin_statements). */
    private boolean logAdmin;
    /** PostgreSQL operator semantics (see {@link #setPostgresOperators}). */
    private volatile boolean postgresOperators;
    /** Rows examined and full scans of the client statement running (the slow log's figures). */
    private final dev.basalt.engine.exec.StatementScans scans = new dev.basalt.engine.exec.StatementScans();

    /** The running (or last) statement's scan and sort counters, which also add up the session's sorts. */
    public dev.basalt.engine.exec.StatementScans statementScans() { return scans; }
    private long logRowsSent;
    /** Start of the client statement for the engine's StatementObserver; 0 when nobody observes. */
    private long observedStartNanos;
    /** The MySQL error the client statement failed with, 0 if none (for the StatementObserver). */
    private int observedError;
    /**
     * Held while this session runs a statement or reads a row of its result: the snapshot-age
     * watchdog ends an idle transaction only when it can take it (never under a running statement).
     */
    private final java.util.concurrent.locks.ReentrantLock statementLock = new java.util.concurrent.locks.ReentrantLock();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(BasaltSession.class.getName());
    /** Nesting of {@link #run}: only the outermost statement starts the clock and forgets a KILL QUERY. */
    private int runDepth;

    public boolean killed() { return cancellation.killed(); }

    public dev.basalt.engine.exec.Cancellation cancellation() { return cancellation; }
    /** CLIENT_FOUND_ROWS: affected rows of UPDATE count matched rows. */
    private final boolean clientFoundRows;
    /** Statements of SQL-level PREPARE, by lower-case name. */
    private final Map<String, dev.basalt.engine.api.PreparedStatementHandle> sqlPrepared = new HashMap<>();
    /** Handles from {@link #prepare} not yet closed (identity: two equal texts are two statements). */
    private final java.util.Set<PreparedStatement> preparedStatements =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public BasaltSession(BasaltEngine engine, long id, String user, String host, boolean foundRows) {
        this.clientFoundRows = foundRows;
        this.engine = engine;
        this.id = id;
        this.user = user;
        this.host = host == null ? "localhost" : host;
        this.variables = new SessionVariables(engine.variables());
        this.sqlMode = SqlMode.parse(variables.getText("sql_mode"));
        this.txn = new SessionTransaction(this);
        this.runner = new StatementRunner(this);
        this.principal = principalFor(engine, user, this.host);
    }

    /** Who this session acts as (the account matched at login; root and internal sessions pass every check). */
    private final dev.basalt.engine.security.Principal principal;

    private static dev.basalt.engine.security.Principal principalFor(BasaltEngine engine, String user, String host) {
        if (user == null || dev.basalt.engine.security.Accounts.isRoot(user)) return dev.basalt.engine.security.Principal.INTERNAL;
        return engine.accounts().match(user, host)
                .map(a -> {
                    var p = new dev.basalt.engine.security.Principal(a.user(), a.host(), false);
                    p.activeRoles().set(a.defaultRoles()); // MySQL activates the default roles at login
                    return p;
                })
                .orElse(dev.basalt.engine.security.Principal.INTERNAL);
    }

    /**
     * Who the session acts as: the definer while a SQL SECURITY DEFINER program or view runs
     * (see {@link dev.basalt.engine.security.Definer}), else the login account.
     */
    public dev.basalt.engine.security.Principal principal() { return acting != null ? acting : principal; }

    /** The definer the session runs as now, or null outside definer-rights programs. */
    private dev.basalt.engine.security.Principal acting;

    /** Runs {@code body} with {@code p}'s privileges (CURRENT_USER() names it; USER() stays the client). */
    public <T> T actingAs(dev.basalt.engine.security.Principal p, java.util.function.Supplier<T> body) {
        dev.basalt.engine.security.Principal saved = acting;
        acting = p;
        try {
            return body.get();
        } finally {
            acting = saved;
        }
    }

    // ---- Session -----------------------------------------------------------------------------

    @Override public long connectionId() { return id; }

    @Override public String user() { return user + "@" + host; }

    public String userName() { return user; }

    public String host() { return host; }

    @Override public String database() { return database; }

    @Override
    public void useDatabase(String name) {
        if (!engine.catalog().snapshot(txn.current()).hasDatabase(name) && !isVirtualSchema(name)) {
            throw new SqlException(ErrorCode.ER_BAD_DB, name);
        }
        dev.basalt.engine.security.AccessCheck.checkUse(this, name);
        database = name;
    }

    public static boolean isVirtualSchema(String name) {
        return name.equalsIgnoreCase("information_schema") || name.equalsIgnoreCase("performance_schema");
    }

    /** Sets the default database without checks (DROP DATABASE of the current one clears it). */
    public void setDatabase(String name) { database = name; }

    @Override
    public StatementResults execute(String sql, boolean multiStatements) {
        if (closed) throw new SqlException(ErrorCode.ER_SERVER_SHUTDOWN);
        ParserOptions options = parserOptions();
        TextPlanCache.Hit hit = textPlanCacheOn() ? textPlans.lookup(sql, options) : null;
        if (hit != null) return cachedText(hit, multiStatements ? hit.text() : sql);
        MySqlParser parser = new MySqlParser(sql, options);
        pendingResults.clear(); // whatever an abandoned CALL left
        return new StatementResults() {
            boolean first = true;

            @Override public boolean hasNext() {
                if (first) return true;
                if (!pendingResults.isEmpty()) return true;
                return multiStatements && parser.hasMore();
            }

            @Override public Result next() {
                if (!first && !pendingResults.isEmpty()) return pendingResults.poll();
                Statement st;
                try {
                    if (first) {
                        first = false;
                        if (parser.isEmpty()) throw new SqlException(ErrorCode.ER_EMPTY_QUERY);
                        if (!multiStatements) {
                            st = MySqlParser.parseOne(sql, options);
                            return run(st, sql);
                        }
                    }
                    st = parser.next();
                } catch (ParseException e) {
                    engine.countQuestion();
                    clearWarnings();
                    if (e.tooDeep()) throw tooDeep();
                    if (e.unsupported()) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET.code(), "42000", e.getMessage());
                    throw new SqlException(ErrorCode.ER_PARSE_ERROR, parseErrorText(sql, e.getMessage()));
                }
                if (st == null) throw new SqlException(ErrorCode.ER_EMPTY_QUERY);
                return run(st, parser.statementText());
            }
        };
    }

    /** The text plan cache of this session's text statements (see {@link TextPlanCache}). */
    private final TextPlanCache textPlans = new TextPlanCache();
    /** basalt_text_plan_cache as last read, and the variable versions it was read at. */
    private boolean textPlanCache;
    private long textPlanCacheVersion = -1, textPlanCacheGlobalVersion = -1;

    /** basalt_text_plan_cache, read again only after a SET (it is asked for every text statement). */
    private boolean textPlanCacheOn() {
        long v = variables.version(), g = variables.system().version();
        if (v != textPlanCacheVersion || g != textPlanCacheGlobalVersion) {
            textPlanCache = variables.getBool("basalt_text_plan_cache");
            textPlanCacheVersion = v;
            textPlanCacheGlobalVersion = g;
        }
        return textPlanCache;
    }

    /**
     * A text statement whose shape was parsed before: runs it as a prepared statement's execution
     * with the text's literals as parameter values (so a kept plan is reused), under the text's own
     * name for the logs, the process list and the slow log.
     */
    private StatementResults cachedText(TextPlanCache.Hit hit, String text) {
        pendingResults.clear();
        return new StatementResults() {
            boolean done;

            @Override public boolean hasNext() { return !done || !pendingResults.isEmpty(); }

            @Override public Result next() {
                if (done) {
                    if (!pendingResults.isEmpty()) return pendingResults.poll();
                    throw new IllegalStateException("statement already ran");
                }
                done = true;
                return BoundParameters.with(hit.values(), () -> hit.plan().with(() -> run(hit.statement(), text)));
            }
        };
    }

    /**
     * A syntax error quotes the text near it; in a statement naming a virtual database that text
     * may be part of a password, so it is not quoted then.
     */
    private String parseErrorText(String sql, String message) {
        if (message == null || !sql.contains("__remote__")) return message;
        return engine.externals().mask(message).replaceAll("near '(?s).*' at line", "near '***' at line");
    }

    public ParserOptions parserOptions() {
        return new ParserOptions(sqlMode.contains(SqlMode.ANSI_QUOTES),
                sqlMode.contains(SqlMode.NO_BACKSLASH_ESCAPES), sqlMode.contains(SqlMode.PIPES_AS_CONCAT),
                sqlMode.contains(SqlMode.HIGH_NOT_PRECEDENCE), postgresOperators);
    }

    // ---- prepared statements -----------------------------------------------------------------

    @Override
    public PreparedStatementHandle prepare(String sql) {
        if (closed) throw new SqlException(ErrorCode.ER_SERVER_SHUTDOWN);
        ParserOptions options = parserOptions();
        MySqlParser parser = new MySqlParser(sql, options);
        Statement st;
        try {
            if (parser.isEmpty()) throw new SqlException(ErrorCode.ER_EMPTY_QUERY);
            st = parser.next();
            // A second statement: parseOne raises MySQL's syntax error for it.
            if (parser.hasMore()) MySqlParser.parseOne(sql, options);
        } catch (ParseException e) {
            if (e.tooDeep()) throw tooDeep();
            if (e.unsupported()) throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET.code(), "42000", e.getMessage());
            throw new SqlException(ErrorCode.ER_PARSE_ERROR, parseErrorText(sql, e.getMessage()));
        }
        int count = parser.parameterCount();
        // as in MySQL, preparing needs the privileges running does (no metadata of hidden tables)
        dev.basalt.engine.security.AccessCheck.check(this, st);
        List<ColumnInfo> columns = st instanceof Query q ? describe(q, count) : List.of();
        PreparedStatement p = new PreparedStatement(st, parser.statementText(), count, columns, database);
        preparedStatements.add(p);
        engine.commands().count("Com_stmt_prepare"); // as MySQL: COM_STMT_PREPARE and SQL PREPARE alike
        return p;
    }

    /** Plans a query with stand-in parameter values (without running it) to learn its result columns. */
    private List<ColumnInfo> describe(Query q, int parameterCount) {
        List<Warning> saved = statementWarnings;
        statementWarnings = new ArrayList<>();
        try {
            return BoundParameters.withPlaceholders(parameterCount, () -> runner.withStoredFunctions(() -> txn.run(t -> {
                List<ColumnInfo> columns = new ArrayList<>();
                for (PlanColumn c : new QueryPlanner(runner.queryContext(t, false)).plan(q, null).columns()) {
                    columns.add(c.info());
                }
                return List.copyOf(columns);
            })));
        } finally {
            statementWarnings = saved;
        }
    }

    @Override
    public StatementResults executePrepared(PreparedStatementHandle handle, Object[] parameters) {
        if (closed) throw new SqlException(ErrorCode.ER_SERVER_SHUTDOWN);
        if (!(handle instanceof PreparedStatement p) || !preparedStatements.contains(p)) {
            throw new SqlException(ErrorCode.ER_WRONG_ARGUMENTS, "mysqld_stmt_execute");
        }
        if (parameters.length != p.parameterCount()) {
            throw new SqlException(ErrorCode.ER_WRONG_ARGUMENTS, "mysqld_stmt_execute");
        }
        Object[] values = parameters.clone();
        engine.commands().count("Com_stmt_execute");
        return new StatementResults() {
            boolean done;

            @Override public boolean hasNext() { return !done || !pendingResults.isEmpty(); }

            @Override public Result next() {
                if (done) {
                    if (!pendingResults.isEmpty()) return pendingResults.poll(); // a CALL's further results
                    throw new IllegalStateException("prepared statement already ran");
                }
                done = true;
                pendingResults.clear();
                return inDatabaseOf(p, () -> p.execute(values, () -> run(p.statement(), p.text())));
            }
        };
    }

    /**
     * Runs an execution of {@code p} with the default database it was prepared in, as MySQL does
     * (its Prepared_statement switches to the PREPARE-time database for each execution), then
     * goes back to the session's. A prepared USE changes the session's database for good.
     */
    public <T> T inDatabaseOf(PreparedStatement p, java.util.function.Supplier<T> body) {
        if (p.statement() instanceof dev.basalt.sql.ast.Use || java.util.Objects.equals(database, p.database())) {
            return body.get();
        }
        String saved = database;
        database = p.database();
        try {
            return body.get();
        } finally {
            database = saved;
        }
    }

    @Override
    public void closePrepared(PreparedStatementHandle handle) {
        // as MySQL's Prepared_statement::deallocate: COM_STMT_CLOSE, DEALLOCATE PREPARE and a PREPARE
        // replacing a statement of the same name count in Com_stmt_close; an unknown handle does not
        if (handle instanceof PreparedStatement p && preparedStatements.remove(p)) engine.commands().count("Com_stmt_close");
    }

    private Result run(Statement st, String text) {
        engine.countQuestion();
        engine.commands().count(st);
        // a CREATE DATABASE of an external database carries credentials: never show them
        currentStatement = st instanceof dev.basalt.sql.ast.CreateDatabase ? engine.externals().mask(text) : text;
        statementStartMillis = System.currentTimeMillis();
        statementStart = java.time.Instant.now();
        if (!StatementRunner.keepsDiagnostics(st)) clearWarnings();
        // ROW_COUNT() and FOUND_ROWS() see the previous statement's values for the whole statement
        statementRowCount = rowCount;
        statementFoundRows = foundRows;
        long affected = -1;
        // TIMESTAMP columns are converted between UTC and this session's time_zone at the table layer
        var outerZone = dev.basalt.engine.time.SessionZone.enter(this::timeZone);
        if (runDepth == 0) {
            cancellation.begin(StatementTimeout.millis(st, text, variables));
            memory.begin();
            logRowsSent = 0;
            progress = null;
            logStartNanos = engine.queryLogs().begin(id, userName(), host, currentStatement);
            logAdmin = AdminStatements.is(st);
            scans.reset();
            observedStartNanos = engine.statementObserver() != null ? System.nanoTime() : 0;
            observedError = 0;
        }
        var outerProgress = runDepth == 0 ? dev.basalt.engine.exec.StatementProgress.enter(progressSink) : null;
        var outerScans = runDepth == 0 ? dev.basalt.engine.exec.StatementScans.enter(scans) : null;
        var outerCancellation = dev.basalt.engine.exec.Cancellation.enter(cancellation);
        var outerMemory = dev.basalt.engine.exec.QueryMemory.enter(memory);
        statementLock.lock();
        runDepth++;
        boolean streaming = false;
        try {
            cancellation.poll(); // a KILL CONNECTION that came before the statement
            if (runDepth == 1) checkSnapshotAge(st instanceof dev.basalt.sql.ast.Rollback);
            if (runDepth == 1) txn.beforeStatement(); // READ COMMITTED: a fresh snapshot per client statement
            Result r = runner.run(st, text);
            if (r instanceof Result.Update u) affected = u.affectedRows();
            if (r instanceof Result.Rows rows) {
                // the statement keeps running while its rows stream: PROCESSLIST shows it until then
                streaming = runDepth == 1 && !(rows instanceof dev.basalt.engine.api.OutParameterRows);
                return inSessionZone(rows, streaming);
            }
            return r;
        } catch (SqlException e) {
            if (runDepth == 1) observedError = e.errorCode();
            throw e;
        } catch (OutOfMemoryError e) {
            if (runDepth == 1) observedError = ErrorCode.ER_OUT_OF_RESOURCES.code();
            // what the statement allocated is garbage now: it fails alone (1041), every session goes on
            throw new SqlException(ErrorCode.ER_OUT_OF_RESOURCES);
        } catch (StackOverflowError e) {
            // a pathologically deep statement fails alone; the connection stays usable
            SqlException deep = tooDeep();
            if (runDepth == 1) observedError = deep.errorCode();
            throw deep;
        } finally {
            runDepth--;
            dev.basalt.engine.exec.QueryMemory.restore(outerMemory);
            dev.basalt.engine.exec.Cancellation.restore(outerCancellation);
            dev.basalt.engine.time.SessionZone.restore(outerZone);
            rowCount = affected;
            warnings = statementWarnings;
            if (runDepth == 0) dev.basalt.engine.exec.StatementProgress.restore(outerProgress);
            if (runDepth == 0) dev.basalt.engine.exec.StatementScans.restore(outerScans);
            if (!streaming && runDepth == 0) endLogged(affected);
            if (!streaming && runDepth == 0) endObserved();
            if (!streaming) currentStatement = null;
            // a statement that failed or was killed mid-spill leaves no temporary file behind
            if (runDepth == 0 && !streaming) memory.deleteSpillFiles();
            statementLock.unlock();
        }
    }

    /** The client statement is over: its time and outcome to the engine's StatementObserver (once). */
    private void endObserved() {
        long start = observedStartNanos;
        if (start == 0) return;
        observedStartNanos = 0;
        var observer = engine.statementObserver();
        if (observer != null) observer.statementEnded(System.nanoTime() - start, observedError);
    }

    /** The client statement is over: to the slow log if it was timed and slow enough (once). */
    private void endLogged(long affected) {
        if (logStartNanos == QueryLogs.NOT_TIMED) return;
        long start = logStartNanos;
        logStartNanos = QueryLogs.NOT_TIMED;
        QueryLogs.PendingEntry entry = engine.queryLogs().end(this, start, currentStatement, statementStart, logRowsSent,
                affected, scans, logAdmin, observedError, cancellation.killedErrno(), bytesIn != null);
        if (entry != null) {
            writePendingSlowEntry(); // a multi-statement query: the previous statement's entry gets the bytes so far
            pendingSlowEntry = entry;
        }
    }

    /** The connection's byte counters (MySQL port), for log_slow_extra's Bytes_received / Bytes_sent. */
    private java.util.function.LongSupplier bytesIn, bytesOut;
    /** The counters at the end of the previous command (or entry): each entry gets the bytes since. */
    private long bytesInMark, bytesOutMark;
    /** The slow-log entry of the last statement, until its response is out ({@link #commandDone}). */
    private QueryLogs.PendingEntry pendingSlowEntry;

    /** Bytes this connection received from its client so far (Bytes_received in SHOW SESSION STATUS); 0 off the MySQL port. */
    public long bytesReceived() {
        java.util.function.LongSupplier in = bytesIn;
        return in == null ? 0 : in.getAsLong();
    }

    /** Bytes this connection sent its client so far (Bytes_sent in SHOW SESSION STATUS). */
    public long bytesSent() {
        java.util.function.LongSupplier out = bytesOut;
        return out == null ? 0 : out.getAsLong();
    }

    @Override public void setTrafficCounters(java.util.function.LongSupplier received, java.util.function.LongSupplier sent) {
        bytesIn = received;
        bytesOut = sent;
        bytesInMark = received.getAsLong();
        bytesOutMark = sent.getAsLong();
    }

    @Override public void commandDone() {
        if (bytesIn == null) return;
        writePendingSlowEntry();
        bytesInMark = bytesIn.getAsLong();
        bytesOutMark = bytesOut.getAsLong();
    }

    private void writePendingSlowEntry() {
        QueryLogs.PendingEntry entry = pendingSlowEntry;
        if (entry == null) return;
        pendingSlowEntry = null;
        long in = bytesIn.getAsLong(), out = bytesOut.getAsLong();
        engine.queryLogs().write(entry, in - bytesInMark, out - bytesOutMark);
        bytesInMark = in;
        bytesOutMark = out;
    }

    /** max_snapshot_age in milliseconds (0: no cap). */
    private long maxSnapshotAgeMillis() {
        Object v = engine.variables().global("max_snapshot_age");
        return v instanceof Number n ? Math.max(0, n.longValue()) * 1000L : 0;
    }

    /** Before a client statement: an over-age snapshot ends its transaction, and the statement hears of it. */
    private void checkSnapshotAge(boolean isRollback) {
        long max = maxSnapshotAgeMillis();
        if (txn.expireSnapshot(max)) logExpired(max);
        txn.reportExpiredSnapshot(isRollback, max);
    }

    /**
     * Called by the engine's watchdog: ends this session's transaction when it is idle (no
     * statement running or streaming) and its snapshot is older than max_snapshot_age, so an
     * abandoned open transaction cannot keep the store from reclaiming space. The client hears
     * of it on its next statement.
     */
    public void expireIdleSnapshot() {
        long max = maxSnapshotAgeMillis();
        if (max <= 0 || closed || !statementLock.tryLock()) return;
        try {
            if (runDepth == 0 && currentStatement == null && txn.expireSnapshot(max)) logExpired(max);
        } finally {
            statementLock.unlock();
        }
    }

    private void logExpired(long maxMillis) {
        LOG.warning("connection " + id + " (" + user() + "): transaction rolled back, its read snapshot was older than"
                + " max_snapshot_age (" + (maxMillis / 1000) + " s)");
    }

    /** MySQL's 1436 for a statement nested too deeply to parse or run (never a StackOverflowError or 1064). */
    private static SqlException tooDeep() {
        return new SqlException(ErrorCode.ER_STACK_OVERRUN.code(), ErrorCode.ER_STACK_OVERRUN.sqlState(),
                "Thread stack overrun: the statement is nested too deeply");
    }

    /** Rows are read lazily, after run() returns: the cursor reads TIMESTAMP columns in this session's zone too. */
    private Result.Rows inSessionZone(Result.Rows rows) { return inSessionZone(rows, false); }

    /**
     * Also installs this session's {@link dev.basalt.engine.exec.Cancellation} while rows are read,
     * so KILL and max_execution_time stop a streaming statement; {@code endsStatement}: the
     * statement is over (for PROCESSLIST) when the cursor is exhausted or closed.
     */
    private Result.Rows inSessionZone(Result.Rows rows, boolean endsStatement) {
        // a CALL's OUT parameters are values already, and the protocol recognises them by their type
        if (rows instanceof dev.basalt.engine.api.OutParameterRows) return rows;
        return new Result.Rows() {
            @Override public List<dev.basalt.engine.api.ColumnInfo> columns() { return rows.columns(); }

            @Override public dev.basalt.engine.api.RowCursor cursor() {
                dev.basalt.engine.api.RowCursor c = rows.cursor();
                return new dev.basalt.engine.api.RowCursor() {
                    @Override public Object[] next() {
                        var outer = dev.basalt.engine.time.SessionZone.enter(BasaltSession.this::timeZone);
                        var outerCancellation = dev.basalt.engine.exec.Cancellation.enter(cancellation);
                        var outerMemory = dev.basalt.engine.exec.QueryMemory.enter(memory);
                        statementLock.lock();
                        try {
                            cancellation.poll();
                            Object[] row = c.next();
                            if (row == null) statementEnded();
                            else logRowsSent++;
                            return row;
                        } catch (SqlException e) {
                            if (endsStatement && runDepth == 0) observedError = e.errorCode(); // failed mid-stream
                            throw e;
                        } finally {
                            statementLock.unlock();
                            dev.basalt.engine.exec.QueryMemory.restore(outerMemory);
                            dev.basalt.engine.exec.Cancellation.restore(outerCancellation);
                            dev.basalt.engine.time.SessionZone.restore(outer);
                        }
                    }

                    @Override public void close() {
                        // the operators first: a scan stopped by LIMIT reports its rows examined as it closes
                        try {
                            c.close();
                        } finally {
                            statementEnded();
                        }
                    }

                    private void statementEnded() {
                        if (endsStatement && runDepth == 0) endLogged(-1);
                        if (endsStatement && runDepth == 0) endObserved();
                        if (endsStatement && runDepth == 0) {
                            currentStatement = null;
                            memory.deleteSpillFiles(); // a cursor closed early leaves no temporary file
                        }
                    }
                };
            }
        };
    }

    /**
     * Results a statement produced beyond its first (a CALL's further result sets and its final
     * OK): the protocol takes them before the next statement, with SERVER_MORE_RESULTS_EXISTS.
     */
    private final java.util.ArrayDeque<Result> pendingResults = new java.util.ArrayDeque<>();

    public void queueResults(List<Result> results) {
        for (Result r : results) pendingResults.add(r instanceof Result.Rows rows ? inSessionZone(rows) : r);
    }

    private void clearWarnings() {
        statementWarnings = new ArrayList<>();
    }

    /** Warnings of the previous statement (what SHOW WARNINGS shows). */
    public List<Warning> warnings() { return warnings; }

    /** Warnings raised so far by the current statement. */
    public List<Warning> currentWarnings() { return statementWarnings; }

    @Override
    public List<ColumnInfo> fieldList(String table, String wildcard) {
        dev.basalt.engine.security.AccessCheck.check(this, new dev.basalt.sql.ast.Describe(
                new dev.basalt.sql.ast.QualifiedName(null, table), null));
        return runner.fieldList(table, wildcard);
    }

    @Override public boolean autocommit() { return variables.getBool("autocommit"); }

    @Override public boolean inTransaction() { return txn.isExplicit() || (txn.current() != null && !autocommit()); }

    @Override public boolean inReadOnlyTransaction() { return txn.isReadOnly(); }

    @Override public boolean noBackslashEscapes() { return sqlMode.contains(SqlMode.NO_BACKSLASH_ESCAPES); }

    @Override public int warningCount() { return warnings.size(); }

    @Override
    public void reset() {
        resetKeepingPrepared();
        preparedStatements.clear();
    }

    @Override
    public void resetKeepingPrepared() {
        txn.rollbackQuietly();
        engine.tableLocks().releaseAll(id); // COM_RESET_CONNECTION ends LOCK TABLES, as in MySQL
        memory.deleteSpillFiles();
        dropTemporaryTables();
        variables.reset();
        sqlMode = SqlMode.parse(variables.getText("sql_mode"));
        userVariables.clear();
        sqlPrepared.clear();
        warnings = new ArrayList<>();
        statementWarnings = warnings;
        lastInsertId = 0;
    }

    @Override
    public String systemVariable(String name) {
        SystemVariables.Def d = engine.variables().definition(name);
        if (d == null) return null;
        Object v = variables.get(name);
        return v == null ? null : v.toString();
    }

    @Override
    public long variablesVersion() {
        // both only grow, so the sum changes whenever either does
        return variables.version() + engine.variables().version();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        writePendingSlowEntry(); // the connection ended before its response was out: the bytes so far
        txn.rollbackQuietly();
        memory.deleteSpillFiles();
        dropTemporaryTables();
        dev.basalt.engine.function.NamedLocks.releaseAll(id);
        engine.tableLocks().releaseAll(id);
        engine.sessionClosed(this);
    }

    /**
     * Drops this session's TEMPORARY tables (at disconnect, COM_RESET_CONNECTION and
     * COM_CHANGE_USER), each in a transaction of its own so one failure does not keep the others.
     */
    private void dropTemporaryTables() {
        for (var def : engine.catalog().snapshot().temporaryTables(id)) {
            var tx = engine.transactions().begin();
            dev.basalt.engine.catalog.Catalog.bindSession(tx, id);
            try {
                engine.catalog().dropTemporaryTable(tx, def.database(), def.name(), true);
                tx.commit();
            } catch (RuntimeException e) {
                tx.rollback();
            }
        }
    }

    // ---- state used by statements ------------------------------------------------------------

    public BasaltEngine engine() { return engine; }

    public SessionVariables variables() { return variables; }

    public SessionTransaction transaction() { return txn; }

    /** Re-reads sql_mode after SET sql_mode. */
    public void refreshSqlMode() {
        try {
            sqlMode = SqlMode.parse(variables.getText("sql_mode"));
        } catch (IllegalArgumentException e) {
            throw new SqlException(ErrorCode.ER_WRONG_VALUE_FOR_VAR, "sql_mode", variables.getText("sql_mode"));
        }
    }


    public boolean clientFoundRows() { return clientFoundRows; }

    public void setFoundRows(long n) { foundRows = n; }

    public String currentStatement() { return currentStatement; }

    /** How far a long statement is (LOAD DATA), shown as PROCESSLIST's State; null: just "executing". */
    private volatile String progress;

    public String progress() { return progress; }

    public void setProgress(String state) { progress = state; }

    private final java.util.function.Consumer<String> progressSink = this::setProgress;

    public long statementStartMillis() { return statementStartMillis; }

    @Override public void onKill(Runnable hangUp) { this.hangUp = hangUp; }

    /** SQL KILL [CONNECTION] n: hangs up the connection (its open transaction rolls back as it closes). */
    public void kill() {
        cancellation.killConnection();
        Runnable h = hangUp;
        if (h != null) h.run();
        else close();
    }

    @Override public void interruptForClose() { cancellation.killConnection(); }

    /** SQL KILL QUERY n (and the mariadb CLI's Ctrl-C): the running statement stops with 1317. */
    public void killQuery() { cancellation.killQuery(); }

    public Transaction currentTransaction() { return txn.current(); }

    // ---- EvalContext ---------------------------------------------------------------------------

    @Override
    public void warn(Level level, int code, String message) {
        if (statementWarnings.size() < 64) {
            String l = switch (level) {
                case NOTE -> "Note";
                case WARNING -> "Warning";
                case ERROR -> "Error";
            };
            statementWarnings.add(new Warning(l, code, message));
        }
    }

    @Override public boolean sqlMode(SqlMode mode) { return sqlMode.contains(mode); }

    @Override public LocalDateTime statementStart() { return LocalDateTime.ofInstant(statementStart, timeZone()); }

    /** The last time_zone text parsed and its zone: SET time_zone is rare, reads are per row. */
    private String zoneName;
    private ZoneId zone;

    /** The session time_zone (validated by SET, so it parses; SYSTEM is the JVM's zone). */
    @Override public ZoneId timeZone() {
        String name = variables.getText("time_zone");
        if (!name.equals(zoneName)) {
            ZoneId z = dev.basalt.engine.time.TimeZones.parse(name);
            zone = z == null ? ZoneId.systemDefault() : z;
            zoneName = name;
        }
        return zone;
    }

    /** See {@link #recordInsertedKeys}: the table whose inserted keys are recorded, or null. */
    private String[] insertedKeysTable;
    private final List<Object[]> insertedKeys = new java.util.ArrayList<>();

    @Override public void recordInsertedKeys(String database, String table) {
        insertedKeysTable = table == null ? null : new String[] {database, table};
        insertedKeys.clear();
    }

    @Override public List<Object[]> insertedKeys() { return List.copyOf(insertedKeys); }

    /** Called for each inserted row; keeps its primary key when {@link #recordInsertedKeys} names the table. */
    public void insertedRow(dev.basalt.engine.catalog.TableDef def, Object[] row) {
        if (insertedKeysTable == null || !def.name().equalsIgnoreCase(insertedKeysTable[1])
                || !def.database().equalsIgnoreCase(insertedKeysTable[0])) return;
        def.primaryKey().ifPresent(pk -> {
            Object[] key = new Object[pk.parts().size()];
            for (int i = 0; i < key.length; i++) key[i] = row[pk.parts().get(i).column()];
            insertedKeys.add(key);
        });
    }

    @Override public long lastInsertId() { return lastInsertId; }

    @Override public void setLastInsertId(long id) { lastInsertId = id; }

    @Override public String currentUser() {
        // a created account is named by its host pattern, as MySQL's CURRENT_USER() does
        if (acting != null) return acting.user() + "@" + acting.host();
        if (!principal.superuser()) return principal.user() + "@" + principal.host();
        return user + "@" + (host.equals("127.0.0.1") ? "localhost" : host);
    }

    /** The client's files for LOAD DATA LOCAL, or null when the client offers none. */
    private dev.basalt.engine.api.LocalFiles localFiles;

    @Override public void setLocalFiles(dev.basalt.engine.api.LocalFiles files) { localFiles = files; }

    /** The client's files for LOAD DATA LOCAL, or null. */
    public dev.basalt.engine.api.LocalFiles localFiles() { return localFiles; }

    /** The connection's TLS protocol, cipher and library for SHOW STATUS; empty for plaintext. */
    private volatile String tlsVersion = "", tlsCipher = "", tlsLibrary = "";

    @Override public void setTls(String version, String cipher, String library) {
        tlsVersion = version;
        tlsCipher = cipher;
        tlsLibrary = library;
    }

    public String tlsLibrary() { return tlsLibrary; }

    public String tlsVersion() { return tlsVersion; }

    public String tlsCipher() { return tlsCipher; }

    /** SQL-level prepared statements (PREPARE / EXECUTE / DEALLOCATE PREPARE), by lower-case name. */
    public Map<String, dev.basalt.engine.api.PreparedStatementHandle> sqlPrepared() { return sqlPrepared; }

    @Override public Object userVariable(String name) { return userVariables.get(userVariableKey(name)); }

    @Override public void setUserVariable(String name, Object value) {
        userVariables.put(userVariableKey(name), value);
    }

    /** MySQL 8 limits user variable names to 64 characters: 3061 beyond. */
    private static String userVariableKey(String name) {
        if (name.codePointCount(0, name.length()) > dev.basalt.engine.catalog.NameLimits.MAX_NAME_CHARS) {
            throw new SqlException(3061, "42000", "User variable name '" + name + "' is illegal");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public Object systemVariable(String name, boolean global) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "warning_count": return (long) warnings.size();
            case "error_count": return warnings.stream().filter(w -> w.level().equals("Error")).count();
            case "identity", "last_insert_id": return lastInsertId;
            case "timestamp": return System.currentTimeMillis() / 1000.0;
            default:
        }
        if (global) {
            SystemVariables.Def d = engine.variables().require(n);
            if (d.scope() == SystemVariables.Scope.SESSION) {
                throw new SqlException(ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR, d.name(), "SESSION");
            }
            return engine.variables().global(n);
        }
        return variables.get(n);
    }

    @Override
    public void requireSessionScope(String name) {
        SystemVariables.Def d = engine.variables().definition(name.toLowerCase(Locale.ROOT));
        if (d != null && d.scope() == SystemVariables.Scope.GLOBAL) {
            throw new SqlException(ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR, d.name(), "GLOBAL");
        }
    }

    @Override public String version() { return engine.serverVersion(); }

    @Override public long rowCount() { return statementRowCount; }

    @Override public long foundRows() { return statementFoundRows; }

    @Override public double random() { return random.nextDouble(); }

    public void seedRandom(long seed) { random = new SplittableRandom(seed); }

    @Override public long groupConcatMaxLen() { return variables.getLong("group_concat_max_len"); }

    @Override public int divPrecisionIncrement() { return (int) variables.getLong("div_precision_increment"); }

    @Override public boolean postgresOperators() { return postgresOperators; }

    @Override public void setPostgresOperators(boolean on) { postgresOperators = on; }
}
