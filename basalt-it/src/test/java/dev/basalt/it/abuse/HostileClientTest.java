package dev.basalt.it.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.client.Driver;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a hostile or broken client can do before and after logging in, on loopback: floods of
 * huge declared lengths, idle half-open handshakes, long-data floods and malformed fields. The
 * server must answer with MySQL's errors or hang up, and keep serving everybody else.
 */
@Timeout(120)
class HostileClientTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(ServerSettings.defaults().withStorage("memory").withPort(0)
                .withMaxConnections(5).withMaxAllowedPacket(64 * 1024));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void hugeDeclaredLengthBeforeLoginIsRefusedWithoutReadingIt() throws Exception {
        List<RawClient> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                RawClient c = new RawClient(server.port());
                flood.add(c);
                c.read(); // greeting
                c.writeRaw(0xFFFFFF, new byte[]{1, 2, 3}); // announces 16 MB, sends 3 bytes
            }
            for (RawClient c : flood) {
                byte[] reply = c.read();
                assertTrue(reply == null || RawClient.errorCode(reply) == 1043, RawClient.errorText(reply));
                assertTrue(c.closedByServer());
            }
        } finally {
            for (RawClient c : flood) c.close();
        }
        assertServing();
    }

    @Test
    void halfOpenHandshakesDoNotLockOutRealClients() throws Exception {
        List<RawClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) idle.add(new RawClient(server.port())); // never answer the greeting
            // max_connections is 5: those 100 must not take the slots of a client that logs in
            for (int i = 0; i < 3; i++) assertServing();
            assertTrue(status("Aborted_connects") > 0 || status("Basalt_handshakes_evicted") > 0);
        } finally {
            for (RawClient c : idle) c.close();
        }
    }

    @Test
    void slowHandshakeIsClosedAfterConnectTimeout() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET GLOBAL connect_timeout = 2");
                s.execute("SELECT 1"); // the listener picks the value up between commands
            }
            try (RawClient slow = new RawClient(server.port())) {
                long start = System.nanoTime();
                slow.read(); // greeting, then silence
                assertTrue(slow.closedByServer());
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                assertTrue(seconds >= 1 && seconds <= 6, "closed after " + seconds + " s");
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SET GLOBAL connect_timeout = 10");
                    s.execute("SELECT 1");
                }
            }
        }
    }

    @Test
    void negativeLengthEncodedAuthDataIsABadHandshake() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.read();
            int caps = RawClient.PROTOCOL_41 | RawClient.SECURE_CONNECTION | RawClient.PLUGIN_AUTH
                    | RawClient.PLUGIN_AUTH_LENENC;
            byte[] auth = {(byte) 0xFE, -1, -1, -1, -1, -1, -1, -1, -1}; // length -1 as an 8-byte integer
            c.write(RawClient.handshakeResponse(caps, "root", auth, "mysql_native_password"));
            byte[] reply = c.read();
            assertTrue(reply == null || RawClient.errorCode(reply) == 1043, RawClient.errorText(reply));
        }
        assertServing();
    }

    @Test
    void failedLoginsAreCountedAndThrottled() throws Exception {
        long before = status("Aborted_connects");
        for (int i = 0; i < 4; i++) {
            SQLException e = assertThrows(SQLException.class,
                    () -> Driver.MARIADB.connect(server, "", "intruder", "guess"));
            assertEquals(1045, e.getErrorCode(), e.getMessage());
        }
        // the fourth attempt was held back: connection_control's delay counter moved
        assertTrue(status("Aborted_connects") >= before + 4);
        assertTrue(status("Connection_control_delay_generated") >= 1);
        assertServing();
    }

    /** The connection_control_* variables: threshold 1 delays the second failure; 0 turns throttling off. */
    @Test
    void connectionControlVariablesTuneTheThrottle() throws Exception {
        try {
            setGlobal("connection_control_failed_connections_threshold", 1);
            long before = status("Connection_control_delay_generated");
            for (int i = 0; i < 2; i++) {
                assertThrows(SQLException.class, () -> Driver.MARIADB.connect(server, "", "intruder-cc1", "guess"));
            }
            assertEquals(before + 1, status("Connection_control_delay_generated"));
            setGlobal("connection_control_failed_connections_threshold", 0);
            before = status("Connection_control_delay_generated");
            for (int i = 0; i < 5; i++) {
                assertThrows(SQLException.class, () -> Driver.MARIADB.connect(server, "", "intruder-cc2", "guess"));
            }
            assertEquals(before, status("Connection_control_delay_generated"));
        } finally {
            setGlobal("connection_control_failed_connections_threshold", 3);
        }
        assertServing();
    }

    /** SET GLOBAL, then one more command on that connection: the server applies it between commands. */
    private static void setGlobal(String name, long value) throws SQLException {
        try (Connection c = Driver.MARIADB.connect(server, ""); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL " + name + " = " + value);
            s.execute("SELECT 1");
        }
    }

    @Test
    void longDataIsCappedAtMaxAllowedPacket() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertEquals(0, c.loginRoot()[0]);
            c.command(0x16, "SELECT LENGTH(?)".getBytes(StandardCharsets.UTF_8)); // COM_STMT_PREPARE
            byte[] prepared = c.read();
            assertEquals(0, prepared[0], RawClient.errorText(prepared));
            int statementId = skipDefinitions(c, prepared);
            // 64 pieces of 16 KB on a 64 KB max_allowed_packet: the server keeps 64 KB at most
            byte[] piece = new byte[16 * 1024];
            for (int i = 0; i < 64; i++) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                RawClient.int4(body, statementId);
                RawClient.int2(body, 0);
                body.writeBytes(piece);
                c.command(0x18, body.toByteArray()); // COM_STMT_SEND_LONG_DATA: no reply
            }
            c.command(0x17, execute(statementId, 0xFC)); // COM_STMT_EXECUTE, parameter typed BLOB
            byte[] reply = c.read();
            assertEquals(1153, RawClient.errorCode(reply), RawClient.errorText(reply));
            // the connection still works
            c.command(0x0e, new byte[0]); // COM_PING
            assertEquals(0, c.read()[0]);
        }
    }

    @Test
    void longDataIsBoundedPerConnection() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertEquals(0, c.loginRoot()[0]);
            // 5 statements with 60 KB each: each under max_allowed_packet (64 KB), together over
            // the connection's 4 x 64 KB, so the fifth one's data is refused
            int[] ids = new int[5];
            for (int i = 0; i < ids.length; i++) {
                c.command(0x16, "SELECT LENGTH(?)".getBytes(StandardCharsets.UTF_8));
                byte[] prepared = c.read();
                assertEquals(0, prepared[0], RawClient.errorText(prepared));
                ids[i] = skipDefinitions(c, prepared);
                for (int k = 0; k < 4; k++) {
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    RawClient.int4(body, ids[i]);
                    RawClient.int2(body, 0);
                    body.writeBytes(new byte[15 * 1024]);
                    c.command(0x18, body.toByteArray());
                }
            }
            c.command(0x17, execute(ids[4], 0xFC));
            byte[] reply = c.read();
            assertEquals(1153, RawClient.errorCode(reply), RawClient.errorText(reply));
            // the first statement's data was kept and is used
            c.command(0x17, execute(ids[0], 0xFC));
            reply = c.read();
            assertNotEquals(0xFF, reply[0] & 0xFF, RawClient.errorText(reply));
        }
    }

    @Test
    void binaryDateWithMonth13IsNotAnInternalError() throws Exception {
        try (Connection jdbc = Driver.MARIADB.connect(server, "");
             Statement s = jdbc.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS hostile");
            s.execute("CREATE TABLE IF NOT EXISTS hostile.d (d DATE)");
        }
        try (RawClient c = new RawClient(server.port())) {
            assertEquals(0, c.loginRoot()[0]);
            c.command(0x16, "INSERT INTO hostile.d VALUES (?)".getBytes(StandardCharsets.UTF_8));
            byte[] prepared = c.read();
            assertEquals(0, prepared[0], RawClient.errorText(prepared));
            int statementId = skipDefinitions(c, prepared);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(execute(statementId, 0x0a));
            body.write(4); // DATE: year, month, day
            RawClient.int2(body, 2024);
            body.write(13);
            body.write(1);
            c.command(0x17, body.toByteArray());
            byte[] reply = c.read();
            assertEquals(1292, RawClient.errorCode(reply), RawClient.errorText(reply)); // strict mode
        }
    }

    /** Reads the parameter and column definitions after a COM_STMT_PREPARE OK; returns the statement id. */
    static int skipDefinitions(RawClient c, byte[] prepared) throws java.io.IOException {
        int columns = (prepared[5] & 0xFF) | (prepared[6] & 0xFF) << 8;
        int parameters = (prepared[7] & 0xFF) | (prepared[8] & 0xFF) << 8;
        for (int i = 0; i < columns + parameters; i++) c.read(); // DEPRECATE_EOF: no EOF packets
        return (prepared[1] & 0xFF) | (prepared[2] & 0xFF) << 8;
    }

    /** COM_STMT_EXECUTE's body for one parameter of the given type, not NULL, before its value. */
    private static byte[] execute(int statementId, int type) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        RawClient.int4(b, statementId);
        b.write(0); // no cursor
        RawClient.int4(b, 1); // iteration count
        b.write(0); // null bitmap
        b.write(1); // new parameter types follow
        RawClient.int2(b, type);
        return b.toByteArray();
    }

    /** A real client logs in and queries, as every test here must leave possible. */
    static void assertServing(TestServer server) throws SQLException {
        try (Connection c = Driver.MARIADB.connect(server, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }

    private static void assertServing() throws SQLException { assertServing(server); }

    private static long status(String name) throws SQLException {
        try (Connection c = Driver.MARIADB.connect(server, "");
             PreparedStatement p = c.prepareStatement("SHOW GLOBAL STATUS LIKE ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next(), name);
                return Long.parseLong(rs.getString(2));
            }
        }
    }

    @Test
    void statusNamesExist() throws Exception {
        assertNotEquals(-1, status("Connection_errors_max_connections"));
    }
}
