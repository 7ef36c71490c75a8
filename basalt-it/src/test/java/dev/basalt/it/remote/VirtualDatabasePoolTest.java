package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.Setting;
import dev.basalt.server.SettingsLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.basalt.it.remote.VirtualDatabaseTest.column;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounds of a virtual database's pool, set in basalt.yaml: pool-size 2 held by two open
 * transactions makes a third client wait for a free connection (and get it when one frees) or, past
 * connect-timeout, fail with 1429 naming the pool; read-timeout ends a remote statement that stays
 * silent with 1430 and discards its connection. Local databases keep working throughout.
 */
@Timeout(180)
class VirtualDatabasePoolTest {
    private static Path dir;
    private static MariaDbServer maria;
    private static TestServer basalt;
    private static Connection remote;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        remote = maria.connect("");
        exec(remote, "DROP DATABASE IF EXISTS vpool", "CREATE DATABASE vpool",
                "CREATE TABLE vpool.t (id INT PRIMARY KEY, v INT)", "INSERT INTO vpool.t VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60), (7, 70), (8, 80)",
                // functions are evaluated by Basalt, not pushed: a view makes the remote do the sleeping
                "CREATE VIEW vpool.slow_view AS SELECT SLEEP(5) AS s");
        dir = Files.createTempDirectory("basalt-vdb-pool-");
        String entry = """
                  - name: %s
                    host: 127.0.0.1
                    port: %d
                    database: vpool
                    user: root
                    pool-size: %d
                    connect-timeout: %d
                """;
        Files.writeString(dir.resolve("basalt.yaml"), "remote-databases:\n"
                + entry.formatted("quick", maria.port(), 2, 1)      // waits 1 s for a free connection
                + entry.formatted("patient", maria.port(), 2, 60)   // waits up to a minute
                + entry.formatted("slowread", maria.port(), 1, 5) + "    read-timeout: 1\n");
        ServerSettings s = new SettingsLoader(Map.of(), dir).load(new EnumMap<>(Setting.class), null);
        basalt = TestServer.start(s.withStorage("memory").withPort(0).withRootPassword(""));
        try (Connection c = basalt.connect("")) {
            exec(c, "CREATE DATABASE loc", "CREATE TABLE loc.t (id INT PRIMARY KEY)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (remote != null) {
            exec(remote, "DROP DATABASE IF EXISTS vpool");
            remote.close();
        }
        if (basalt != null) basalt.close();
        if (dir != null) TempDirs.deleteRecursively(dir);
    }

    /**
     * Two clients in transactions that wrote (a transaction pins its connection from its first write):
     * both connections of {@code db}'s pool are taken. Writes from Connector/J clients (CLIENT_FOUND_ROWS)
     * use the found-rows pool, so the third client writes too, to ask the same pool.
     */
    private static Connection[] holdBothConnections(String db, int firstId) throws Exception {
        Connection a = basalt.connect(db), b = basalt.connect(db);
        exec(a, "BEGIN", "UPDATE t SET v = v + 1 WHERE id = " + firstId);
        exec(b, "BEGIN", "UPDATE t SET v = v + 1 WHERE id = " + (firstId + 1));
        return new Connection[] {a, b};
    }

    private static String remoteValue(int id) throws SQLException {
        return column(remote, "SELECT v FROM vpool.t WHERE id = " + id).get(0);
    }

    /** The remote's count of KILL statements (a global counter: it only grows). */
    private static long comKill() throws SQLException {
        try (var rs = remote.createStatement().executeQuery("SHOW GLOBAL STATUS LIKE 'Com_kill'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static void localDatabaseWorks(int id) throws Exception {
        try (Connection c = basalt.connect("loc")) {
            exec(c, "INSERT INTO t VALUES (" + id + ")");
            assertEquals(List.of("1"), column(c, "SELECT COUNT(*) FROM t WHERE id = " + id));
        }
    }

    @Test
    void exhaustedPoolFailsWith1429AfterConnectTimeout() throws Exception {
        Connection[] holders = holdBothConnections("quick", 1);
        try (Connection third = basalt.connect("quick")) {
            SQLException e = Remote.expectError(() -> exec(third, "UPDATE t SET v = 31 WHERE id = 3"));
            assertEquals(1429, e.getErrorCode(), String.valueOf(e));
            assertEquals("HY000", e.getSQLState());
            assertTrue(e.getMessage().contains("all 2 connections") && e.getMessage().contains("connect-timeout"),
                    e.getMessage());
            localDatabaseWorks(1);
            // a slot frees: the same client's next statement gets it
            assertEquals("30", remoteValue(3));
            exec(holders[0], "ROLLBACK");
            exec(third, "UPDATE t SET v = 32 WHERE id = 3");
            assertEquals("32", remoteValue(3));
        } finally {
            for (Connection h : holders) h.close();
        }
    }

    @Test
    void exhaustedPoolMakesTheNextStatementWaitForAFreeConnection() throws Exception {
        Connection[] holders = holdBothConnections("patient", 4);
        try (Connection third = basalt.connect("patient"); Connection admin = basalt.connect("")) {
            long id = Remote.scalarLong(third, "SELECT CONNECTION_ID()");
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(
                    () -> Remote.unchecked(() -> { exec(third, "UPDATE t SET v = 61 WHERE id = 6"); return null; }));
            assertTrue(Remote.await(30, () -> Remote.unchecked(() -> column(admin,
                    "SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = " + id)).toString().contains("v = 61")),
                    "Basalt runs the third client's statement");
            assertFalse(waiting.isDone(), "no connection is free, so the statement cannot have finished");
            assertEquals(0, RemoteKills.running(remote, "v = 61"), "it waits in Basalt's pool, not on the remote");
            localDatabaseWorks(2);
            exec(holders[1], "COMMIT");
            waiting.get(50, TimeUnit.SECONDS);
            assertEquals("61", remoteValue(6));
            assertEquals("51", remoteValue(5), "the committed transaction's write");
        } finally {
            for (Connection h : holders) h.close();
        }
    }

    @Test
    void statementPastReadTimeoutFailsWith1430AndItsConnectionIsDiscarded() throws Exception {
        try (Connection c = basalt.connect("slowread")) {
            assertEquals(List.of("70"), column(c, "SELECT v FROM t WHERE id = 7"));
            long before = Remote.scalarLong(remote, "SELECT MAX(ID) FROM information_schema.PROCESSLIST WHERE DB = 'vpool'");
            long kills = comKill();
            SQLException e = Remote.expectError(() -> column(c, "SELECT s FROM slow_view"));
            assertEquals(1430, e.getErrorCode(), String.valueOf(e));
            assertEquals("HY000", e.getSQLState());
            assertTrue(e.getMessage().contains("read-timeout"), e.getMessage());
            localDatabaseWorks(3);
            // pool-size 1: the next statement works on a new connection, not the timed-out one
            assertEquals(List.of("80"), column(c, "SELECT v FROM t WHERE id = 8"));
            long after = Remote.scalarLong(remote, "SELECT MAX(ID) FROM information_schema.PROCESSLIST WHERE DB = 'vpool'");
            assertTrue(after > before, "a new remote connection (thread " + after + ", the old one was " + before + ")");
            assertTrue(Remote.await(30, () -> Remote.unchecked(VirtualDatabasePoolTest::comKill) > kills),
                    "Basalt sent KILL QUERY for the timed-out statement");
            assertTrue(Remote.await(30, () -> RemoteKills.running(remote, "slow_view") == 0),
                    "the timed-out statement does not keep running on the remote");
        }
    }
}
