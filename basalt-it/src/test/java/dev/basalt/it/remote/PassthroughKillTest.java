package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KILL through passthrough: the client names Basalt's connection id (the handshake's, which the
 * driver's Statement.cancel() and the mariadb client's Ctrl-C use); the remote statement stops, the
 * client gets the remote's 1317, and its connection goes on working. KILL CONNECTION ends both sides.
 */
@Timeout(120)
class PassthroughKillTest {
    private static MariaDbServer maria;
    private static TestServer basalt;
    private static Connection remote;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        remote = maria.connect("");
        VirtualDatabaseTest.exec(remote, "DROP DATABASE IF EXISTS pt_kill", "CREATE DATABASE pt_kill",
                "CREATE TABLE pt_kill.t (id INT PRIMARY KEY)", "INSERT INTO pt_kill.t VALUES (1), (2)");
        basalt = Remote.basalt(maria, 0, 10);
    }

    @AfterAll
    static void stop() throws Exception {
        if (basalt != null) basalt.close();
        if (remote != null) {
            VirtualDatabaseTest.exec(remote, "DROP DATABASE IF EXISTS pt_kill");
            remote.close();
        }
    }

    /** Remote statements running the marked slow query, other than this probe. */
    private static long slowOnRemote() {
        return Remote.unchecked(() -> Remote.scalarLong(remote, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE INFO LIKE '%pt_kill_slow%' AND ID <> CONNECTION_ID()"));
    }

    private static final String SLOW = "SELECT SLEEP(30) /* pt_kill_slow */ FROM t";

    private static CompletableFuture<SQLException> run(Statement st, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                st.executeQuery(sql).close();
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
    }

    @Test
    void cancelStopsTheRemoteStatement() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_kill", ""); Statement st = c.createStatement()) {
            var running = run(st, SLOW);
            assertTrue(Remote.await(10, () -> slowOnRemote() == 1), "the remote runs the slow query");
            st.cancel(); // KILL QUERY <Basalt's id> over a new connection, as the mariadb client's Ctrl-C
            SQLException e = running.get(5, TimeUnit.SECONDS);
            assertEquals(1317, e == null ? 0 : e.getErrorCode(), String.valueOf(e));
            assertTrue(Remote.await(3, () -> slowOnRemote() == 0), "the remote still runs the killed query");
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "the connection goes on");
        }
    }

    @Test
    void killQueryByBasaltIdStopsTheRemoteStatement() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_kill", ""); Statement st = c.createStatement();
             Connection admin = Remote.connect(basalt, "", "")) {
            long id = c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
            var running = run(st, SLOW);
            assertTrue(Remote.await(10, () -> slowOnRemote() == 1), "the remote runs the slow query");
            VirtualDatabaseTest.exec(admin, "KILL QUERY " + id);
            SQLException e = running.get(5, TimeUnit.SECONDS);
            assertEquals(1317, e == null ? 0 : e.getErrorCode(), String.valueOf(e));
            assertTrue(Remote.await(3, () -> slowOnRemote() == 0), "the remote still runs the killed query");
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "the connection goes on");
        }
    }

    @Test
    void killConnectionEndsBothSides() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_kill", ""); Statement st = c.createStatement();
             Connection admin = Remote.connect(basalt, "", "")) {
            long id = c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
            var running = run(st, SLOW);
            assertTrue(Remote.await(10, () -> slowOnRemote() == 1), "the remote runs the slow query");
            VirtualDatabaseTest.exec(admin, "KILL " + id);
            assertTrue(running.get(5, TimeUnit.SECONDS) != null, "the killed connection's statement fails");
            assertTrue(Remote.await(3, () -> slowOnRemote() == 0), "the remote still runs the killed query");
            assertFalse(c.isValid(2), "the killed connection is closed");
            assertEquals(2, Remote.scalarLong(admin, "SELECT COUNT(*) FROM pt_kill.t"), "others go on");
        }
    }
}
