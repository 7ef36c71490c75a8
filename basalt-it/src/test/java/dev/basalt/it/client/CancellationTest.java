package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KILL QUERY, KILL CONNECTION and max_execution_time against statements that would otherwise run
 * for minutes (a three-way cross join, a big sort, a window over a big partition, a recursive CTE,
 * a stored procedure's endless loop), with two real MySQL Connector/J connections: one runs the
 * statement, the other watches SHOW PROCESSLIST and kills it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CancellationTest {
    private static final String DB = "cancel_it";
    /** Runs for minutes: 2000^3 row combinations. */
    private static final String ENDLESS_JOIN = "SELECT COUNT(*) FROM t a, t b, t c WHERE a.v + b.v + c.v = -1";
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        basalt = TestServer.memory();
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
            s.execute("USE " + DB);
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            s.execute("SET SESSION cte_max_recursion_depth = 100000000");
            s.execute("INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                    + " SELECT i, i % 97 FROM n");
            s.execute("CREATE PROCEDURE spin() BEGIN DECLARE i INT DEFAULT 0; WHILE i >= 0 DO SET i = i + 1; END WHILE; END");
        }
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
    }

    private static Connection connect(String db) throws SQLException {
        Connection c = DriverManager.getConnection(basalt.mysqlUrl(db), basalt.user(), basalt.password());
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION cte_max_recursion_depth = 100000000");
        }
        return c;
    }

    @Test
    void killQueryStopsAScan() throws Exception {
        killQueryStops(ENDLESS_JOIN);
    }

    @Test
    void killQueryStopsASort() throws Exception {
        killQueryStops("SELECT a.id, b.id FROM t a, t b, t c ORDER BY a.v * b.v - c.id LIMIT 1");
    }

    @Test
    void killQueryStopsAHashAggregation() throws Exception {
        killQueryStops("SELECT a.v + b.v + c.v, COUNT(*) FROM t a, t b, t c GROUP BY 1");
    }

    @Test
    void killQueryStopsARecursiveCte() throws Exception {
        killQueryStops("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)"
                + " SELECT COUNT(*) FROM n");
    }

    @Test
    void killQueryStopsAProcedureLoop() throws Exception {
        killQueryStops("CALL spin()");
    }

    @Test
    void killQueryStopsBenchmark() throws Exception {
        killQueryStops("SELECT BENCHMARK(100000000000, CONCAT('a', RAND()))");
    }

    @Test
    void killQueryStopsAGetLockWait() throws Exception {
        try (Connection holder = connect(DB); Statement h = holder.createStatement()) {
            h.execute("DO GET_LOCK('cancel_it_lock', 0)");
            killQueryStops("SELECT GET_LOCK('cancel_it_lock', 600)");
            h.execute("DO RELEASE_LOCK('cancel_it_lock')");
        }
    }

    /** MySQL: a query that is only SLEEP() answers 1 when KILL QUERY interrupts it, not an error. */
    @Test
    void killQueryOfALoneSleepAnswersOne() throws Exception {
        String sql = "SELECT SLEEP(60)";
        try (Connection victim = connect(DB); Connection killer = connect(DB)) {
            long id = connectionId(victim);
            CompletableFuture<Object> running = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    running.complete(rs.next() ? rs.getString(1) : "no row");
                } catch (Throwable t) {
                    running.completeExceptionally(t);
                }
            });
            awaitRunning(killer, id, sql);
            try (Statement k = killer.createStatement()) {
                k.execute("KILL QUERY " + id);
            }
            assertEquals("1", running.get(10, TimeUnit.SECONDS));
        }
    }

    /** SLEEP() as only part of a query (once per scanned row): KILL QUERY fails the query with 1317. */
    @Test
    void killQueryOfASleepPerRowFails() throws Exception {
        killQueryStops("SELECT SLEEP(1) FROM t");
    }

    /** The statement fails with 1317 within seconds; its connection keeps working. */
    private static void killQueryStops(String sql) throws Exception {
        try (Connection victim = connect(DB); Connection killer = connect(DB)) {
            long id = connectionId(victim);
            CompletableFuture<Object> running = runAsync(victim, sql);
            awaitRunning(killer, id, sql);
            long killedAt = System.nanoTime();
            try (Statement k = killer.createStatement()) {
                k.execute("KILL QUERY " + id);
            }
            assertEquals(1317, errorOf(running).getErrorCode());
            long millis = (System.nanoTime() - killedAt) / 1_000_000;
            assertTrue(millis < 5000, "stopped after " + millis + " ms"); // within a second when the machine is not loaded
            System.out.println("KILL QUERY -> 1317 after " + millis + " ms: " + sql);
            try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            assertEquals("Sleep", processState(killer, id)[0]);
        }
    }

    /**
     * A statement whose rows stream to a slow reader is still running: PROCESSLIST shows it (Query,
     * executing, its text) and KILL QUERY ends the stream with 1317.
     */
    @Test
    void streamingStatementIsShownAndKillable() throws Exception {
        String sql = "SELECT a.id, b.id, c.id FROM t a, t b, t c";
        try (Connection victim = connect(DB); Connection killer = connect(DB)) {
            long id = connectionId(victim);
            try (Statement s = victim.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(Integer.MIN_VALUE); // Connector/J: read rows as they come
                ResultSet rs = s.executeQuery(sql);
                assertTrue(rs.next());
                awaitRunning(killer, id, sql);
                try (Statement k = killer.createStatement()) {
                    k.execute("KILL QUERY " + id);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                SQLException e = null;
                try {
                    while (rs.next()) {
                        if (System.nanoTime() > deadline) fail("the stream did not end after KILL QUERY");
                    }
                } catch (SQLException thrown) {
                    e = thrown;
                }
                assertTrue(e != null, "the stream ended without an error");
                assertEquals(1317, e.getErrorCode());
            }
            try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
        }
    }

    /** JDBC's Statement.cancel() and setQueryTimeout: Connector/J sends KILL QUERY on a second connection. */
    @Test
    void jdbcCancelAndQueryTimeout() throws Exception {
        try (Connection victim = connect(DB); Connection watcher = connect(DB); Statement s = victim.createStatement()) {
            long id = connectionId(victim);
            CompletableFuture<Object> running = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    s.execute(ENDLESS_JOIN);
                    running.complete("finished");
                } catch (Throwable t) {
                    running.completeExceptionally(t);
                }
            });
            awaitRunning(watcher, id, ENDLESS_JOIN);
            s.cancel();
            errorOf(running); // Connector/J reports its own "Statement cancelled" for the 1317
            try (Statement t = victim.createStatement()) {
                t.setQueryTimeout(1);
                long start = System.nanoTime();
                assertThrows(SQLException.class, () -> t.executeQuery(ENDLESS_JOIN));
                assertTrue((System.nanoTime() - start) / 1_000_000 < 5000);
                t.setQueryTimeout(0);
                try (ResultSet rs = t.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
            }
        }
    }

    @Test
    void killConnectionStopsTheStatementAndHangsUp() throws Exception {
        try (Connection victim = connect(DB); Connection killer = connect(DB)) {
            long id = connectionId(victim);
            CompletableFuture<Object> running = runAsync(victim, ENDLESS_JOIN);
            awaitRunning(killer, id, ENDLESS_JOIN);
            try (Statement k = killer.createStatement()) {
                k.execute("KILL " + id);
            }
            errorOf(running); // the connection was closed under it
            assertFalse(victim.isValid(2));
            // the statement stopped too: the session leaves the process list
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (processState(killer, id) != null) {
                if (System.nanoTime() > deadline) fail("connection " + id + " still listed after KILL");
                Thread.sleep(50);
            }
        }
    }

    /**
     * The mariadb CLI's Ctrl-C: on SIGINT during a query it opens a second connection and sends
     * KILL QUERY for its own; the query ends with 1317 and the client carries on (here: exits).
     */
    @Test
    void mariadbCliCtrlCKillsTheQuery() throws Exception {
        String cli = dev.basalt.it.cli.MariaDbCli.binary();
        org.junit.jupiter.api.Assumptions.assumeTrue(cli != null, "no mariadb client installed");
        java.nio.file.Path err = java.nio.file.Files.createTempFile("cli-ctrl-c", ".txt");
        Process p = new ProcessBuilder(cli, "--no-defaults", "-h", basalt.host(), "-P", Integer.toString(basalt.port()),
                "-u", basalt.user(), "--protocol=TCP", "--skip-ssl", DB, "-e", ENDLESS_JOIN)
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (Connection watcher = connect(DB)) {
            long id = awaitStatement(watcher, ENDLESS_JOIN);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the client did not finish after Ctrl-C");
            String stderr = java.nio.file.Files.readString(err);
            assertTrue(stderr.contains("1317") || stderr.contains("interrupted"), stderr);
            String[] state = processState(watcher, id);
            assertTrue(state == null || !"Query".equals(state[0]), "query still running");
        } finally {
            p.destroyForcibly();
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    /** The connection id that runs {@code sql}, once PROCESSLIST shows it. */
    private static long awaitStatement(Connection watcher, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery("SHOW PROCESSLIST")) {
                while (rs.next()) {
                    if (sql.equals(rs.getString("Info"))) {
                        Thread.sleep(200);
                        return rs.getLong("Id");
                    }
                }
            }
            if (System.nanoTime() > deadline) fail("statement never showed in PROCESSLIST");
            Thread.sleep(20);
        }
    }

    @Test
    void maxExecutionTimeVariableStopsASelect() throws Exception {
        try (Connection c = connect(DB); Statement s = c.createStatement()) {
            s.execute("SET SESSION max_execution_time = 300");
            long start = System.nanoTime();
            SQLException e = expectError(s, ENDLESS_JOIN);
            assertEquals(3024, e.getErrorCode());
            assertEquals("Query execution was interrupted, maximum statement execution time exceeded", e.getMessage());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5000);
            // only SELECTs are timed: a statement that is not a query is left alone
            s.execute("DO SLEEP(0.5)");
            s.execute("SET SESSION max_execution_time = 0");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(2000, rs.getInt(1));
            }
        }
    }

    @Test
    void maxExecutionTimeHintStopsASelect() throws Exception {
        try (Connection c = connect(DB); Statement s = c.createStatement()) {
            SQLException e = expectError(s, "SELECT /*+ MAX_EXECUTION_TIME(200) */ COUNT(*) FROM t a, t b, t c"
                    + " WHERE a.v + b.v + c.v = -1");
            assertEquals(3024, e.getErrorCode());
            try (ResultSet rs = s.executeQuery("SELECT /*+ MAX_EXECUTION_TIME(5000) */ COUNT(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(2000, rs.getInt(1));
            }
        }
    }

    @Test
    void maxExecutionTimeStopsAStreamingSelect() throws Exception {
        try (Connection c = connect(DB); Statement s = c.createStatement()) {
            s.execute("SET SESSION max_execution_time = 300");
            // rows stream as they are found: the error comes after some of them
            SQLException e = expectError(s, "SELECT a.id, b.id, c.id FROM t a, t b, t c");
            assertEquals(3024, e.getErrorCode());
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
        }
    }

    private static SQLException expectError(Statement s, String sql) {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                // drain
            }
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("no error from " + sql);
    }

    private static long connectionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static CompletableFuture<Object> runAsync(Connection c, String sql) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                f.complete("finished");
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    private static SQLException errorOf(CompletableFuture<Object> running) throws Exception {
        try {
            Object r = running.get(10, TimeUnit.SECONDS);
            throw new AssertionError("statement was not stopped: " + r);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) return s;
            throw e;
        }
    }

    /** Waits until PROCESSLIST shows the statement running on {@code id}, with its text. */
    private static void awaitRunning(Connection watcher, long id, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String[] state = processState(watcher, id);
            if (state != null && "Query".equals(state[0])) {
                assertEquals("executing", state[1]);
                assertEquals(sql, state[2]);
                Thread.sleep(200); // well inside the statement's loops
                return;
            }
            if (System.nanoTime() > deadline) fail("statement never showed in PROCESSLIST");
            Thread.sleep(20);
        }
    }

    /** Command, State and Info of a connection in SHOW PROCESSLIST, or null when it is not listed. */
    private static String[] processState(Connection watcher, long id) throws SQLException {
        try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery("SHOW PROCESSLIST")) {
            while (rs.next()) {
                if (rs.getLong("Id") == id) {
                    return new String[]{rs.getString("Command"), rs.getString("State"), rs.getString("Info")};
                }
            }
        }
        return null;
    }
}
