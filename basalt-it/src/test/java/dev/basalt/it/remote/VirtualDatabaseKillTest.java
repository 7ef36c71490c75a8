package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KILL QUERY, KILL CONNECTION and max_execution_time of a Basalt statement that waits on a remote
 * MariaDB: the remote statement stops too (its PROCESSLIST no longer shows it), the client gets
 * 1317 / 3024 as for a local statement, and the Basalt connection goes on working.
 */
class VirtualDatabaseKillTest {
    private static MariaDbServer maria;
    private static TestServer basalt;
    private static Connection remote;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        remote = maria.connect("");
        // a view makes the remote slow without a function in Basalt's query (functions are not pushed)
        exec(remote, "DROP DATABASE IF EXISTS vdb_kill", "CREATE DATABASE vdb_kill",
                "CREATE TABLE vdb_kill.t (id INT PRIMARY KEY)", "INSERT INTO vdb_kill.t VALUES (1), (2)",
                "CREATE VIEW vdb_kill.slow_view AS SELECT SLEEP(30) AS s");
        basalt = TestServer.memory();
        try (Connection c = basalt.connect("")) {
            exec(c, "CREATE DATABASE k__remote__127_0_0_1__" + maria.port() + "__vdb_kill__root__");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (remote != null) {
            exec(remote, "DROP DATABASE IF EXISTS vdb_kill");
            remote.close();
        }
        if (basalt != null) basalt.close();
    }

    /** Remote statements reading the slow view, other than this probe. */
    private static long slowOnRemote() {
        return Remote.unchecked(() -> Remote.scalarLong(remote, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE INFO LIKE '%slow_view%' AND ID <> CONNECTION_ID()"));
    }

    private static CompletableFuture<SQLException> slowSelect(Connection c, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Remote.scalarLong(c, sql);
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
    }

    private static void runningOnRemote() {
        assertTrue(Remote.await(10, () -> slowOnRemote() == 1), "the remote runs the slow query");
    }

    private static void stoppedOnRemote() {
        assertTrue(Remote.await(3, () -> slowOnRemote() == 0), "the remote still runs the killed query");
    }

    @Test
    void killQueryStopsTheRemoteStatement() throws Exception {
        try (Connection c = basalt.connect("k"); Connection admin = basalt.connect("")) {
            long id = Remote.scalarLong(c, "SELECT CONNECTION_ID()");
            var running = slowSelect(c, "SELECT s FROM slow_view");
            runningOnRemote();
            long t0 = System.nanoTime();
            exec(admin, "KILL QUERY " + id);
            SQLException e = running.get(5, TimeUnit.SECONDS);
            assertTrue((System.nanoTime() - t0) / 1e9 < 3, "KILL QUERY took too long");
            assertEquals(1317, e == null ? 0 : e.getErrorCode(), String.valueOf(e));
            stoppedOnRemote();
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "the connection goes on");
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "and its pool too");
        }
    }

    /** In a transaction the statement runs on the pinned connection, which stays (and so does the transaction). */
    @Test
    void killQueryInATransactionKeepsTheTransaction() throws Exception {
        try (Connection c = basalt.connect("k"); Connection admin = basalt.connect("")) {
            long id = Remote.scalarLong(c, "SELECT CONNECTION_ID()");
            exec(c, "BEGIN", "INSERT INTO t VALUES (3)");
            var running = slowSelect(c, "SELECT s FROM slow_view");
            runningOnRemote();
            exec(admin, "KILL QUERY " + id);
            SQLException e = running.get(5, TimeUnit.SECONDS);
            assertEquals(1317, e == null ? 0 : e.getErrorCode(), String.valueOf(e));
            stoppedOnRemote();
            assertEquals(3, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "the transaction's write is still there");
            assertEquals(3, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "a retried KILL does not hit the next statement");
            exec(c, "ROLLBACK");
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"));
        }
    }

    @Test
    void killConnectionStopsTheRemoteStatement() throws Exception {
        try (Connection c = basalt.connect("k"); Connection admin = basalt.connect("")) {
            long id = Remote.scalarLong(c, "SELECT CONNECTION_ID()");
            var running = slowSelect(c, "SELECT s FROM slow_view");
            runningOnRemote();
            exec(admin, "KILL " + id);
            assertTrue(running.get(5, TimeUnit.SECONDS) != null, "the killed connection's statement fails");
            stoppedOnRemote();
            assertFalse(c.isValid(2), "the killed connection is closed");
            assertEquals(2, Remote.scalarLong(admin, "SELECT COUNT(*) FROM k.t"), "others go on");
        }
    }

    @Test
    void maxExecutionTimeStopsTheRemoteStatement() throws Exception {
        try (Connection c = basalt.connect("k")) {
            exec(c, "SET max_execution_time = 1000");
            long t0 = System.nanoTime();
            SQLException e = Remote.expectError(() -> Remote.scalarLong(c, "SELECT s FROM slow_view"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(3024, e.getErrorCode(), e.getMessage());
            assertTrue(seconds < 4, "3024 after " + seconds + "s");
            stoppedOnRemote();
            exec(c, "SET max_execution_time = 0");
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"));
        }
    }
}
