package dev.basalt.it.remote;

import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * max_execution_time through passthrough to MariaDB, which has no such variable: Basalt keeps the
 * session's value and the SELECT hint, stops a SELECT that runs too long with KILL QUERY on the
 * remote, and the client gets MySQL's 3024; the session goes on. As in MySQL, only SELECTs are
 * limited. Unlike MySQL, a lone interrupted SLEEP() is an error too (MariaDB reports its
 * interruption as 1317; MySQL returns 1): documented in docs/remote.md.
 */
@Timeout(120)
class PassthroughTimeLimitTest {
    /** Two rows, so SLEEP runs per row and its interruption is the query's (1317 on the remote). */
    private static final String SLOW = "SELECT SLEEP(10) FROM t";
    private static TestServer basalt;
    private static Connection remote;

    @BeforeAll
    static void start() throws Exception {
        var maria = MariaDbFixture.require();
        remote = RemoteKills.twoRows(maria, "pt_limit");
        basalt = Remote.basalt(maria, 0, 10);
    }

    @AfterAll
    static void stop() throws Exception {
        if (basalt != null) basalt.close();
        if (remote != null) {
            exec(remote, "DROP DATABASE IF EXISTS pt_limit");
            remote.close();
        }
    }

    /** Runs {@code sql}, expecting 3024 within a few seconds (not the statement's 20 s). */
    private static void timesOut(Statement st, String sql) {
        long t0 = System.nanoTime();
        SQLException e = Remote.expectError(() -> st.executeQuery(sql).close());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(3024, e.getErrorCode(), e.getMessage());
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("maximum statement execution time exceeded"), e.getMessage());
        assertTrue(seconds < 8, "stopped by the limit, after " + seconds + " s");
    }

    @Test
    void sessionValueStopsSelects() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_limit", ""); Statement st = c.createStatement()) {
            st.execute("SET max_execution_time = 500");
            timesOut(st, SLOW);
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "the session goes on");
            st.execute("SET SESSION max_execution_time = DEFAULT");
            assertEquals(0, Remote.scalarLong(c, "SELECT SLEEP(0.6) FROM t LIMIT 1"), "no limit after DEFAULT");
        }
    }

    @Test
    void hintStopsOneSelect() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_limit", ""); Statement st = c.createStatement()) {
            timesOut(st, "SELECT /*+ MAX_EXECUTION_TIME(300) */ SLEEP(10) FROM t");
            assertEquals(0, Remote.scalarLong(c, "SELECT SLEEP(0.5) FROM t LIMIT 1"), "others are not limited");
        }
    }

    @Test
    void preparedSelectsAreLimitedToo() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_limit", "useServerPrepStmts=true")) {
            exec(c, "SET max_execution_time = 400");
            try (PreparedStatement ps = c.prepareStatement("SELECT SLEEP(?) FROM t")) {
                ps.setInt(1, 10);
                long t0 = System.nanoTime();
                SQLException e = Remote.expectError(() -> ps.executeQuery().close());
                assertEquals(3024, e.getErrorCode(), e.getMessage());
                assertTrue((System.nanoTime() - t0) / 1e9 < 8);
            }
        }
    }

    /** A lone SLEEP is stopped too (3024 here; MySQL would return 1); writes are never limited. */
    @Test
    void loneSleepIsStoppedAndOtherStatementsAreNotLimited() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_limit", ""); Statement st = c.createStatement()) {
            st.execute("SET max_execution_time = 300");
            timesOut(st, "SELECT SLEEP(10)");
            st.execute("DO SLEEP(0.6)"); // not a SELECT: runs to its end
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"));
        }
    }

    @Test
    void formsBasaltCannotKeepAreRefused() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_limit", ""); Statement st = c.createStatement()) {
            assertEquals(1235, Remote.expectError(() -> st.execute("SET GLOBAL max_execution_time = 10")).getErrorCode());
            assertEquals(1235, Remote.expectError(() -> st.execute("SET max_execution_time = 10, sql_mode = ''")).getErrorCode());
            assertEquals(1232, Remote.expectError(() -> st.execute("SET max_execution_time = 'x'")).getErrorCode());
        }
    }
}
