package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.basalt.it.remote.VirtualDatabaseTest.column;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passthrough's event loop (RelayLoop): between commands a client's connection thread waits while
 * the loop forwards its plain statements; other commands go back to that thread. What the client
 * sees must not change: results equal to MariaDB's (large ones too, written to the client in
 * pieces), session state set on the thread and read on the loop, prepared statements, KILL of a
 * connection the loop holds.
 */
@Timeout(180)
class PassthroughEventLoopTest {
    private static final String DB = "pt_loop";
    private static MariaDbServer maria;
    private static Connection remote;
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        remote = maria.connect("");
        exec(remote, "DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
                "CREATE TABLE " + DB + ".big (id INT PRIMARY KEY, v TEXT)",
                // 3,000 rows of 2 KB: 6 MB, more than any socket buffer, so the loop writes it in pieces
                "INSERT INTO " + DB + ".big SELECT seq, REPEAT(CHAR(65 + seq % 26), 2048) FROM " + DB + ".seq_1_to_3000");
        // TLS offered too (a generated certificate), for tlsClientsStayOnTheirThread
        basalt = TestServer.start(dev.basalt.server.ServerSettings.defaults().withPort(0).withRootPassword("")
                .withMysql(dev.basalt.server.MysqlTarget.of(maria.host(), maria.port(), maria.user(), maria.password())),
                dev.basalt.server.tls.TlsSettings.GENERATED);
    }

    @AfterAll
    static void stop() throws Exception {
        if (basalt != null) basalt.close();
        if (remote != null) {
            exec(remote, "DROP DATABASE IF EXISTS " + DB);
            remote.close();
        }
    }

    /** Between commands the connection's thread waits for the loop (which then serves its statements). */
    @Test
    void anIdleConnectionIsLentToTheLoop() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            long id = c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
            assertEquals(List.of("3000"), column(c, "SELECT COUNT(*) FROM big"));
            assertTrue(Remote.await(30, () -> waitsForTheLoop(id)), "connection " + id + "'s thread waits for the loop");
            exec(c, "SET @v = 7"); // a SET goes back to the thread, which lends the socket again after it
            assertEquals(List.of("7"), column(c, "SELECT @v"));
            assertTrue(Remote.await(30, () -> waitsForTheLoop(id)));
        }
    }

    /** Thread {@code mysql-conn-ID} is parked in the loop's handback. */
    static boolean waitsForTheLoop(long id) {
        for (var e : Thread.getAllStackTraces().entrySet()) {
            if (!e.getKey().getName().equals("mysql-conn-" + id)) continue;
            return Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().endsWith(".RelayLease")
                    && f.getMethodName().equals("awaitHandback"));
        }
        return false;
    }

    @Test
    void largeResultsAreTheRemotes() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            for (int i = 0; i < 3; i++) {
                assertEquals(rows(remote, "SELECT id, v FROM " + DB + ".big ORDER BY id"), rows(c, "SELECT id, v FROM big ORDER BY id"));
            }
            // streamed: the driver reads row by row, so Basalt's writes wait for the client
            try (Statement st = c.createStatement()) {
                st.setFetchSize(1);
                try (ResultSet rs = st.executeQuery("SELECT id, v FROM big ORDER BY id")) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                        assertEquals(2048, rs.getString(2).length());
                    }
                    assertEquals(3000, n);
                }
            }
            assertEquals(List.of("1"), column(c, "SELECT 1"), "the connection goes on after it");
        }
    }

    /** Session state made on the thread (USE, SET, a transaction) holds for statements on the loop, and back. */
    @Test
    void sessionStateCrossesBetweenThreadAndLoop() throws Exception {
        try (Connection c = Remote.connect(basalt, "", "")) {
            exec(c, "USE " + DB);
            assertEquals(List.of(DB), column(c, "SELECT DATABASE()"));
            exec(c, "CREATE TEMPORARY TABLE tmp (id INT)");
            exec(c, "BEGIN", "INSERT INTO tmp VALUES (1), (2)");
            assertEquals(List.of("2"), column(c, "SELECT COUNT(*) FROM tmp"));
            exec(c, "ROLLBACK");
            exec(c, "INSERT INTO tmp VALUES (3)");
            assertEquals(List.of("1"), column(c, "SELECT ROW_COUNT()"));
            assertEquals(List.of("3"), column(c, "SELECT id FROM tmp"));
        }
    }

    /** PREPARE on the thread (pipelined with its EXECUTE by the driver), EXECUTE on the loop. */
    @Test
    void preparedStatementsRunOnEitherSide() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "useServerPrepStmts=true");
             PreparedStatement ps = c.prepareStatement("SELECT v FROM big WHERE id = ?")) {
            for (int id : new int[] {1, 26, 3000, 1}) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(String.valueOf((char) (65 + id % 26)).repeat(2048), rs.getString(1));
                    assertFalse(rs.next());
                }
            }
        }
    }

    /** A TLS client is not lent (the loop writes plaintext sockets only); its statements and state work as before. */
    @Test
    void tlsClientsStayOnTheirThread() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "sslMode=trust")) { // fails unless Basalt speaks TLS
            long id = c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
            exec(c, "SET @t = 3");
            assertEquals(List.of("3"), column(c, "SELECT @t"));
            assertEquals(rows(remote, "SELECT id, v FROM " + DB + ".big WHERE id <= 10 ORDER BY id"),
                    rows(c, "SELECT id, v FROM big WHERE id <= 10 ORDER BY id"));
            assertFalse(waitsForTheLoop(id));
        }
    }

    /** KILL of a connection the loop holds: it ends at once (the client finds it closed); the others go on. */
    @Test
    void killOfALentConnection() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, ""); Connection admin = Remote.connect(basalt, DB, "")) {
            long id = c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
            assertEquals(List.of("1"), column(c, "SELECT 1"));
            assertTrue(Remote.await(30, () -> waitsForTheLoop(id)));
            exec(admin, "KILL " + id); // its backend is killed on the remote, and its socket closed at once
            assertTrue(Remote.await(30, () -> !threadExists(id)), "the killed connection's thread ended");
            // the client's next command finds the connection closed (the driver's 08xxx), as after a KILL on MySQL
            SQLException e = Remote.expectError(() -> column(c, "SELECT 1"));
            assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("08"), e.getSQLState() + " " + e.getMessage());
            assertFalse(c.isValid(5));
            assertEquals(List.of("3000"), column(admin, "SELECT COUNT(*) FROM big"));
        }
    }

    static boolean threadExists(long id) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("mysql-conn-" + id));
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1) + ":" + rs.getString(2));
        }
        return out;
    }
}
