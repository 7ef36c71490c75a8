package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static dev.basalt.it.remote.RemoteKills.code;
import static dev.basalt.it.remote.RemoteKills.killWhileRunning;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * KILL through passthrough: the client names Basalt's connection id (the handshake's, which the
 * driver's Statement.cancel() and the mariadb client's Ctrl-C use); the remote statement stops, the
 * client gets the remote's 1317, and its connection goes on working. KILL CONNECTION ends both sides.
 */
@Timeout(120)
class PassthroughKillTest {
    private static final String SLOW = "SELECT SLEEP(30) /* pt_kill_slow */ FROM t";
    private static TestServer basalt;
    private static Connection remote;

    @BeforeAll
    static void start() throws Exception {
        var maria = MariaDbFixture.require();
        remote = RemoteKills.twoRows(maria, "pt_kill");
        basalt = Remote.basalt(maria, 0, 10);
    }

    @AfterAll
    static void stop() throws Exception {
        if (basalt != null) basalt.close();
        if (remote != null) {
            exec(remote, "DROP DATABASE IF EXISTS pt_kill");
            remote.close();
        }
    }

    /** {@code kill} (given Basalt's id for the connection) ends the slow statement of a passthrough connection. */
    private static SQLException killed(Connection c, Statement st, Remote.SqlAction kill) throws Exception {
        return killWhileRunning(remote, "pt_kill_slow", () -> st.executeQuery(SLOW).close(), kill);
    }

    private static long basaltId(Connection c) throws SQLException {
        return c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
    }

    /** The driver's cancel (KILL QUERY over a new connection, as the mariadb client's Ctrl-C), then SQL KILL QUERY. */
    @Test
    void cancelAndKillQueryStopTheRemoteStatement() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_kill", ""); Statement st = c.createStatement();
             Connection admin = Remote.connect(basalt, "", "")) {
            for (Remote.SqlAction kill : java.util.List.<Remote.SqlAction>of(st::cancel,
                    () -> exec(admin, "KILL QUERY " + basaltId(c)))) {
                SQLException e = killed(c, st, kill);
                assertEquals(1317, code(e), String.valueOf(e));
                assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t"), "the connection goes on");
            }
        }
    }

    @Test
    void killConnectionEndsBothSides() throws Exception {
        try (Connection c = Remote.connect(basalt, "pt_kill", ""); Statement st = c.createStatement();
             Connection admin = Remote.connect(basalt, "", "")) {
            assertNotNull(killed(c, st, () -> exec(admin, "KILL " + basaltId(c))), "the killed connection's statement fails");
            assertFalse(c.isValid(2), "the killed connection is closed");
            assertEquals(2, Remote.scalarLong(admin, "SELECT COUNT(*) FROM pt_kill.t"), "others go on");
        }
    }
}
