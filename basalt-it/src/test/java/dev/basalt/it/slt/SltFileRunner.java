package dev.basalt.it.slt;

import dev.basalt.it.support.Endpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs sqllogictest files over JDBC (MariaDB Connector/J, text protocol): one connection and one fresh
 * database per file. A watchdog aborts the connection of a statement that exceeds the timeout (the
 * driver's own setQueryTimeout would rewrite the SQL for MariaDB servers), then the runner reconnects
 * and continues with the next record.
 */
public final class SltFileRunner implements AutoCloseable {
    private static final AtomicInteger DATABASE_SEQ = new AtomicInteger();
    private static final String URL_OPTIONS = "?tinyInt1isBit=false&transformedBitIsBoolean=false";

    private final Endpoint endpoint;
    private final int timeoutSeconds;
    private final int keepFailures;
    private final String engine;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slt-watchdog");
        t.setDaemon(true);
        return t;
    });

    public SltFileRunner(Endpoint endpoint, int timeoutSeconds, int keepFailures) {
        this(endpoint, timeoutSeconds, keepFailures, SltParser.ENGINE);
    }

    /** {@code engine}: the name skipif/onlyif guards are matched against (see {@link SltParser}). */
    public SltFileRunner(Endpoint endpoint, int timeoutSeconds, int keepFailures, String engine) {
        this.engine = engine;
        this.endpoint = endpoint;
        this.timeoutSeconds = timeoutSeconds;
        this.keepFailures = keepFailures;
    }

    public FileResult run(Path file) {
        return run(file, null, Long.MAX_VALUE);
    }

    public FileResult run(Path file, Map<Integer, Actual> actuals) {
        return run(file, actuals, Long.MAX_VALUE);
    }

    /**
     * Runs a file; if {@code actuals} is given, records what the server did per record line. Past
     * {@code deadlineNanos} (System.nanoTime) the remaining records count as failed, so a slow engine
     * cannot stretch a suite without bound.
     */
    public FileResult run(Path file, Map<Integer, Actual> actuals, long deadlineNanos) {
        long start = System.nanoTime();
        List<SltRecord> records;
        try {
            records = SltParser.parse(file, engine);
        } catch (IOException | RuntimeException e) {
            return new FileResult(file, 0, 1, 0, List.of(new FileResult.Failure(0, "", "parsable file", e.toString())),
                    0, "parse: " + e);
        }
        String db = "slt_" + ProcessHandle.current().pid() + "_" + DATABASE_SEQ.incrementAndGet();
        FileRun run = new FileRun(file, db, actuals, deadlineNanos);
        // counted before connecting, so a file that cannot even connect reports its records as failed
        run.remaining = (int) records.stream()
                .filter(r -> r instanceof SltRecord.Statement || r instanceof SltRecord.Query).count();
        String fatal = null;
        try {
            run.open();
            run.execute(records);
            if (run.remaining > 0) {
                fatal = "time budget exhausted; " + run.remaining + " records not run (counted as failed)";
                run.failed += run.remaining;
            }
        } catch (SQLException e) {
            fatal = "connection: " + e.getMessage();
            run.failed += run.remaining;
        } finally {
            run.dropAndClose();
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new FileResult(file, run.passed, run.failed, run.skipped, List.copyOf(run.failures), ms, fatal);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /** State of one file's run. */
    private final class FileRun {
        final Path file;
        final String db;
        final Map<Integer, Actual> actuals;
        final long deadlineNanos;
        final List<FileResult.Failure> failures = new ArrayList<>();
        Connection conn;
        Statement stmt;
        long connectionId = -1;
        int passed, failed, skipped, remaining;

        FileRun(Path file, String db, Map<Integer, Actual> actuals, long deadlineNanos) {
            this.file = file;
            this.db = db;
            this.actuals = actuals;
            this.deadlineNanos = deadlineNanos;
        }

        void open() throws SQLException {
            conn = DriverManager.getConnection(endpoint.mariadbUrl("") + URL_OPTIONS, endpoint.user(), endpoint.password());
            stmt = conn.createStatement();
            rememberConnectionId();
            stmt.execute("DROP DATABASE IF EXISTS " + db);
            stmt.execute("CREATE DATABASE " + db);
            stmt.execute("USE " + db);
        }

        void reopen() throws SQLException {
            closeQuietly();
            conn = DriverManager.getConnection(endpoint.mariadbUrl(db) + URL_OPTIONS, endpoint.user(), endpoint.password());
            stmt = conn.createStatement();
            rememberConnectionId();
        }

        /** The server-side id, so a timed-out statement can be killed on the server too, not only dropped. */
        private void rememberConnectionId() {
            try (ResultSet rs = stmt.executeQuery("SELECT CONNECTION_ID()")) {
                connectionId = rs.next() ? rs.getLong(1) : -1;
            } catch (SQLException e) {
                connectionId = -1;
            }
        }

        /** Best effort: KILL from a second connection stops the server working on an abandoned query. */
        private void killOnServer(long id) {
            if (id < 0) return;
            try (Connection k = DriverManager.getConnection(endpoint.mariadbUrl("") + URL_OPTIONS, endpoint.user(), endpoint.password());
                 Statement ks = k.createStatement()) {
                ks.execute("KILL " + id);
            } catch (SQLException ignored) {
                // the connection is aborted on the client side regardless
            }
        }

        void execute(List<SltRecord> records) throws SQLException {
            for (SltRecord r : records) {
                if (System.nanoTime() > deadlineNanos) return;
                switch (r) {
                    case SltRecord.Halt h -> {
                        remaining = 0; // halted by the file itself: the rest is not ours to run
                        return;
                    }
                    case SltRecord.HashThreshold h -> { }
                    case SltRecord.Skipped s -> skipped++;
                    case SltRecord.Statement s -> {
                        remaining--;
                        runStatement(s);
                    }
                    case SltRecord.Query q -> {
                        remaining--;
                        runQuery(q);
                    }
                }
            }
        }

        void runStatement(SltRecord.Statement s) throws SQLException {
            Outcome o = timed(() -> {
                stmt.execute(s.sql());
                drain();
                return null;
            });
            if (o.error == null) {
                record(s.line(), new Actual.StatementOk());
                if (s.expectError()) fail(s.line(), s.sql(), errorText(s.expectedErrno()), "ok");
                else passed++;
                return;
            }
            record(s.line(), o.error);
            if (!s.expectError()) fail(s.line(), s.sql(), "ok", describe(o.error));
            else if (s.expectedErrno() != 0 && s.expectedErrno() != o.error.errno())
                fail(s.line(), s.sql(), errorText(s.expectedErrno()), describe(o.error));
            else passed++;
        }

        void runQuery(SltRecord.Query q) throws SQLException {
            Outcome o = timed(() -> readRows(q));
            if (o.error != null) {
                record(q.line(), o.error);
                fail(q.line(), q.sql(), expectedText(q), describe(o.error));
                return;
            }
            List<String> values = ResultComparer.flatten(o.rows, q.sort());
            record(q.line(), new Actual.Rows(values));
            if (o.columns != q.types().length()) {
                fail(q.line(), q.sql(), q.types().length() + " columns", o.columns + " columns");
                return;
            }
            boolean ok = q.hashed()
                    ? values.size() == q.hashCount() && ResultComparer.md5(values).equals(q.hash())
                    : values.equals(q.expectedValues());
            if (ok) passed++;
            else fail(q.line(), q.sql(), expectedText(q), gotText(q, values));
        }

        private Outcome readRows(SltRecord.Query q) throws SQLException {
            Outcome o = new Outcome();
            o.rows = new ArrayList<>();
            if (!stmt.execute(q.sql())) {
                o.columns = 0;
                return o;
            }
            try (ResultSet rs = stmt.getResultSet()) {
                int n = rs.getMetaData().getColumnCount();
                o.columns = n;
                String types = q.types();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        char t = i < types.length() ? types.charAt(i) : 'T';
                        row[i] = ValueFormatter.format(t, rs.getString(i + 1));
                    }
                    o.rows.add(row);
                }
            }
            drain();
            return o;
        }

        /** Skips further results of a multi-result statement so the connection stays usable. */
        private void drain() throws SQLException {
            while (stmt.getMoreResults() || stmt.getUpdateCount() != -1) { }
        }

        /** Runs work under the watchdog; a timeout aborts the connection, which is then reopened. */
        private Outcome timed(SqlWork work) throws SQLException {
            AtomicBoolean fired = new AtomicBoolean();
            Connection c = conn;
            long id = connectionId;
            long untilDeadline = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadlineNanos - System.nanoTime()));
            long timeout = Math.min(timeoutSeconds, untilDeadline);
            ScheduledFuture<?> f = watchdog.schedule(() -> {
                fired.set(true);
                killOnServer(id);
                try {
                    c.abort(Runnable::run);
                } catch (SQLException ignored) {
                    // the connection is being torn down either way
                }
            }, timeout, TimeUnit.SECONDS);
            try {
                Outcome o = work.run();
                return o == null ? new Outcome() : o;
            } catch (SQLException e) {
                Outcome o = new Outcome();
                if (fired.get()) {
                    o.error = new Actual.Error(-1, "TIMEOUT", "timed out after " + timeout + " s");
                } else {
                    o.error = new Actual.Error(e.getErrorCode(), Objects.toString(e.getSQLState(), ""), e.getMessage());
                }
                if (fired.get() || conn.isClosed() || !conn.isValid(5)) reopen();
                return o;
            } finally {
                f.cancel(false);
            }
        }

        private void fail(int line, String sql, String expected, String got) {
            failed++;
            if (failures.size() < keepFailures) failures.add(new FileResult.Failure(line, sql, expected, got));
        }

        private void record(int line, Actual a) {
            if (actuals != null) actuals.put(line, a);
        }

        void dropAndClose() {
            try {
                if (conn == null || conn.isClosed()) reopen();
                stmt.execute("DROP DATABASE IF EXISTS " + db);
            } catch (SQLException ignored) {
                // best effort: a leftover database on a test server is harmless
            }
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                if (conn != null) conn.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    private static final class Outcome {
        List<String[]> rows;
        int columns;
        Actual.Error error;
    }

    @FunctionalInterface
    private interface SqlWork {
        Outcome run() throws SQLException;
    }

    private static String errorText(int errno) {
        return errno == 0 ? "error" : "error " + errno;
    }

    private static String describe(Actual.Error e) {
        return "error " + e.errno() + " (" + e.sqlState() + "): " + e.message();
    }

    private static String expectedText(SltRecord.Query q) {
        return q.hashed() ? q.hashCount() + " values hashing to " + q.hash() : abbreviate(q.expectedValues());
    }

    private static String gotText(SltRecord.Query q, List<String> values) {
        if (q.hashed()) return values.size() + " values hashing to " + ResultComparer.md5(values) + " " + abbreviate(values);
        return abbreviate(values);
    }

    private static String abbreviate(List<String> values) {
        return values.size() <= 12 ? values.toString()
                : values.subList(0, 12) + "... (" + values.size() + " values)";
    }

    static Map<Integer, Actual> newActuals() {
        return new HashMap<>();
    }
}
