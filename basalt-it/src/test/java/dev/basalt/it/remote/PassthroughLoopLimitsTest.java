package dev.basalt.it.remote;

import dev.basalt.it.abuse.RawClient;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.basalt.it.remote.PassthroughEventLoopTest.threadExists;
import static dev.basalt.it.remote.PassthroughEventLoopTest.waitsForTheLoop;
import static dev.basalt.it.remote.VirtualDatabaseTest.column;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the passthrough event loop owes a client beyond forwarding: a client that stops reading its
 * result is closed after net_write_timeout and its backend let go (MySQL aborts such a write); the
 * bytes it moves count in Bytes_received / Bytes_sent; a KILLed connection, or one whose backend
 * the remote killed, is closed at once rather than at its next command.
 */
@Timeout(240)
class PassthroughLoopLimitsTest {
    private static final String DB = "pt_limits";
    private static final int COM_QUERY = 3;
    private static MariaDbServer maria;
    private static Connection remote;
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        remote = maria.connect("");
        exec(remote, "DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
                "CREATE TABLE " + DB + ".big (id INT PRIMARY KEY, v TEXT)",
                "INSERT INTO " + DB + ".big SELECT seq, REPEAT(CHAR(65 + seq % 26), 2048) FROM " + DB + ".seq_1_to_3000");
        basalt = TestServer.start(dev.basalt.server.ServerSettings.defaults().withPort(0).withRootPassword("")
                .withMysql(dev.basalt.server.MysqlTarget.of(maria.host(), maria.port(), maria.user(), maria.password())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (basalt != null) basalt.close();
        if (remote != null) {
            exec(remote, "DROP DATABASE IF EXISTS " + DB);
            remote.close();
        }
    }

    /**
     * A raw client sets net_write_timeout = 2, sends a 40 MB SELECT and reads none of it: Basalt
     * ends its connection (thread gone, socket closed) and the remote's statement is gone too.
     */
    @Test
    void aClientThatStopsReadingIsClosedAfterNetWriteTimeout() throws Exception {
        try (RawClient c = new RawClient(basalt.port(), 4096)) {
            assertEquals(0, c.loginRoot()[0], "logged in");
            long id = c.connectionId();
            assertEquals(0, query(c, "SET SESSION net_write_timeout = 2")[0]);
            assertTrue(Remote.await(30, () -> waitsForTheLoop(id)), "lent to the loop");
            c.command(COM_QUERY, ("SELECT 'pt_nwt_marker', a.v FROM " + DB + ".big a, " + DB + ".big b LIMIT 20000")
                    .getBytes(StandardCharsets.UTF_8));
            assertTrue(Remote.await(30, () -> remoteRuns("pt_nwt", "_marker")), "the remote runs the statement");
            assertTrue(Remote.await(2 + 60, () -> !threadExists(id)), "Basalt ended the connection after net_write_timeout");
            assertTrue(Remote.await(60, () -> !remoteRuns("pt_nwt", "_marker")), "the backend's statement is gone");
            assertTrue(c.closedByServer(), "the client's socket is closed (after what was in flight)");
        }
        assertEquals(java.util.List.of("3000"), column(Remote.connect(basalt, DB, ""), "SELECT COUNT(*) FROM big"), "others go on");
    }

    /**
     * The same with the event loop off (-Dbasalt.passthrough.loopThreads=0, as for TLS clients, which
     * stay on their thread): the connection's own watchdog uses the session's net_write_timeout too.
     */
    @Test
    void aClientOnItsOwnThreadIsClosedAfterTheSessionsNetWriteTimeout() throws Exception {
        String property = "basalt.passthrough.loopThreads";
        TestServer threads;
        System.setProperty(property, "0"); // read once, as the server starts
        try {
            threads = TestServer.start(dev.basalt.server.ServerSettings.defaults().withPort(0).withRootPassword("")
                    .withMysql(dev.basalt.server.MysqlTarget.of(maria.host(), maria.port(), maria.user(), maria.password())));
        } finally {
            System.clearProperty(property);
        }
        try (threads; RawClient c = new RawClient(threads.port(), 4096)) {
            assertEquals(0, c.loginRoot()[0], "logged in");
            long id = c.connectionId();
            assertEquals(0, query(c, "SET SESSION net_write_timeout = 2")[0]);
            c.command(COM_QUERY, ("SELECT 'pt_nwt_thread', a.v FROM " + DB + ".big a, " + DB + ".big b LIMIT 20000")
                    .getBytes(StandardCharsets.UTF_8));
            assertTrue(Remote.await(30, () -> remoteRuns("pt_nwt", "_thread")), "the remote runs the statement");
            assertFalse(waitsForTheLoop(id), "served on the connection's thread");
            // Basalt's own default is 60 s: well within it, only the session's 2 s can end the connection
            assertTrue(Remote.await(2 + 30, () -> !threadExists(id)), "Basalt ended the connection after net_write_timeout");
            assertTrue(Remote.await(60, () -> !remoteRuns("pt_nwt", "_thread")), "the backend's statement is gone");
        }
    }

    /** Statements on the loop count in the connection's and the server's Bytes_sent / Bytes_received. */
    @Test
    void bytesTheLoopMovesCountInTheStatusCounters() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            long id = c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
            assertEquals(java.util.List.of("1"), column(c, "SELECT 1"));
            assertTrue(Remote.await(30, () -> waitsForTheLoop(id)), "lent to the loop");
            var engine = (dev.basalt.engine.BasaltEngine) basalt.engine();
            var session = engine.sessions().stream().filter(s -> s.connectionId() == id).findFirst().orElseThrow();
            long sent = session.bytesSent(), received = session.bytesReceived();
            long globalSent = engine.bytesSent(), globalReceived = engine.bytesReceived();
            String sql = "SELECT id, v FROM big WHERE id <= 1000";
            assertEquals(1000, column(c, sql).size());
            long movedOut = session.bytesSent() - sent, movedIn = session.bytesReceived() - received;
            assertTrue(movedOut >= 1000 * 2048 && movedOut < 1000 * 2048 * 11 / 10, "about the result's size: " + movedOut);
            assertTrue(movedIn >= sql.length() + 5 && movedIn < 1000, "the COM_QUERY packet: " + movedIn);
            assertTrue(engine.bytesSent() - globalSent >= movedOut, "global Bytes_sent grows as much");
            assertTrue(engine.bytesReceived() - globalReceived >= movedIn, "global Bytes_received grows as much");
        }
    }

    /** KILL of an idle client the loop holds: its socket closes without it sending anything. */
    @Test
    void killConnectionClosesALentClientAtOnce() throws Exception {
        try (RawClient c = new RawClient(basalt.port(), 0); Connection admin = Remote.connect(basalt, DB, "")) {
            assertEquals(0, c.loginRoot()[0]);
            long id = c.connectionId();
            assertTrue(Remote.await(30, () -> waitsForTheLoop(id)), "lent to the loop");
            exec(admin, "KILL " + id);
            assertTrue(c.closedByServer(), "closed within the read timeout, with no command sent");
            assertTrue(Remote.await(30, () -> !threadExists(id)));
        }
    }

    /** The remote kills the idle client's backend (KILL on MariaDB itself): the client's socket closes at once. */
    @Test
    void aBackendKilledOnTheRemoteClosesTheIdleClientAtOnce() throws Exception {
        try (RawClient c = new RawClient(basalt.port(), 0)) {
            assertEquals(0, c.loginRoot()[0]);
            long id = c.connectionId();
            long backend = Long.parseLong(firstValue(c, "SELECT CONNECTION_ID()"));
            assertTrue(Remote.await(30, () -> waitsForTheLoop(id)), "lent to the loop");
            exec(remote, "KILL " + backend);
            assertTrue(c.closedByServer(), "closed within the read timeout, with no command sent");
        }
    }

    /** The remote kills the backend mid-statement: the statement fails then, not when SLEEP would have ended. */
    @Test
    void aBackendKilledMidStatementFailsTheStatementAtOnce() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            long id = c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
            long backend = Remote.scalarLong(c, "SELECT CONNECTION_ID()");
            assertTrue(Remote.await(30, () -> waitsForTheLoop(id)), "lent to the loop");
            CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
                try (Statement st = c.createStatement()) {
                    st.executeQuery("SELECT SLEEP(600), 'pt_mid_marker'").close();
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            assertTrue(Remote.await(30, () -> remoteRuns("pt_mid", "_marker")), "the remote runs the statement");
            exec(remote, "KILL " + backend);
            SQLException e = failure.get(120, TimeUnit.SECONDS); // long before SLEEP(600) would end
            assertTrue(e != null && (e.getErrorCode() == 1927 || e.getErrorCode() == 1430 || e.getErrorCode() == 2013),
                    String.valueOf(e));
            assertFalse(c.isValid(5));
        }
    }

    /** A statement whose text holds {@code a + b} runs on the remote (the probe's own text does not match). */
    private static boolean remoteRuns(String a, String b) {
        return Remote.unchecked(() -> Remote.scalarLong(remote, "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE INFO LIKE CONCAT('%" + a + "', '" + b + "%')")) > 0;
    }

    /** Sends a query and returns its first packet (OK or ERR for a statement without rows). */
    private static byte[] query(RawClient c, String sql) throws IOException {
        c.command(COM_QUERY, sql.getBytes(StandardCharsets.UTF_8));
        return c.read();
    }

    /** The first column of the one-row result of {@code sql}, read off the wire (CLIENT_DEPRECATE_EOF). */
    private static String firstValue(RawClient c, String sql) throws IOException {
        byte[] first = query(c, sql);
        assertTrue(first[0] == 1, "one column: " + RawClient.errorCode(first));
        c.read(); // the column definition
        byte[] row = c.read();
        byte[] end = c.read();
        assertEquals(0xFE, end[0] & 0xFF, "one row, then the OK");
        return new String(row, 1, row[0] & 0xFF, StandardCharsets.UTF_8);
    }
}
