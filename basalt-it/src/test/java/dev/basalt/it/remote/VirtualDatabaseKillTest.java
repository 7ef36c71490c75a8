package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;

import static dev.basalt.it.remote.RemoteKills.code;
import static dev.basalt.it.remote.RemoteKills.killWhileRunning;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KILL QUERY, KILL CONNECTION and max_execution_time of a Basalt statement that waits on a remote
 * MariaDB: the remote statement stops too (its PROCESSLIST no longer shows it), the client gets
 * 1317 / 3024 as for a local statement, and the Basalt connection goes on working.
 */
@Timeout(120)
class VirtualDatabaseKillTest {
    /** The slow remote read: a view, so Basalt's query has no function in it (functions are not pushed). */
    private static final String SLOW = "SELECT s FROM slow_view";
    private static TestServer basalt;
    private static Connection remote;

    @BeforeAll
    static void start() throws Exception {
        var maria = MariaDbFixture.require();
        remote = RemoteKills.twoRows(maria, "vdb_kill");
        exec(remote, "CREATE VIEW vdb_kill.slow_view AS SELECT SLEEP(30) AS s");
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

    private static SQLException killed(Connection c, String kill) throws Exception {
        long id = Remote.scalarLong(c, "SELECT CONNECTION_ID()");
        try (Connection admin = basalt.connect("")) {
            return killWhileRunning(remote, "slow_view", () -> Remote.scalarLong(c, SLOW),
                    () -> exec(admin, kill + " " + id));
        }
    }

    @Test
    void killQueryStopsTheRemoteStatement() throws Exception {
        try (Connection c = basalt.connect("k")) {
            SQLException e = killed(c, "KILL QUERY");
            assertEquals(1317, code(e), String.valueOf(e));
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "the connection goes on");
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "and its pool too");
        }
    }

    /** In a transaction the statement runs on the pinned connection, which stays (and so does the transaction). */
    @Test
    void killQueryInATransactionKeepsTheTransaction() throws Exception {
        try (Connection c = basalt.connect("k")) {
            exec(c, "BEGIN", "INSERT INTO t VALUES (3)");
            SQLException e = killed(c, "KILL QUERY");
            assertEquals(1317, code(e), String.valueOf(e));
            assertEquals(3, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "the transaction's write is still there");
            assertEquals(3, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "a retried KILL does not hit the next statement");
            exec(c, "ROLLBACK");
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"));
        }
    }

    /** A statement forwarded whole (not a streamed read): the remote's DELETE stops, nothing is deleted. */
    @Test
    void killQueryStopsAForwardedWrite() throws Exception {
        try (Connection c = basalt.connect("k"); Connection admin = basalt.connect("")) {
            long id = Remote.scalarLong(c, "SELECT CONNECTION_ID()");
            SQLException e = killWhileRunning(remote, "DELETE%slow_view",
                    () -> exec(c, "DELETE FROM t WHERE id IN (SELECT s FROM slow_view)"),
                    () -> exec(admin, "KILL QUERY " + id));
            assertEquals(1317, code(e), String.valueOf(e));
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "nothing deleted, the connection goes on");
        }
    }

    @Test
    void killConnectionStopsTheRemoteStatement() throws Exception {
        try (Connection c = basalt.connect("k")) {
            assertNotNull(killed(c, "KILL"), "the killed connection's statement fails");
            assertFalse(c.isValid(2), "the killed connection is closed");
        }
        try (Connection other = basalt.connect("k")) {
            assertEquals(2, Remote.scalarLong(other, "SELECT COUNT(*) FROM t"), "others go on");
        }
    }

    @Test
    void maxExecutionTimeStopsTheRemoteStatement() throws Exception {
        try (Connection c = basalt.connect("k")) {
            exec(c, "SET max_execution_time = 1000");
            long t0 = System.nanoTime();
            SQLException e = Remote.expectError(() -> Remote.scalarLong(c, SLOW));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(3024, e.getErrorCode(), e.getMessage());
            assertTrue(seconds < 4, "3024 after " + seconds + "s");
            assertTrue(Remote.await(3, () -> RemoteKills.running(remote, "slow_view") == 0), "the remote still runs it");
            exec(c, "SET max_execution_time = 0");
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"));
        }
    }
}
