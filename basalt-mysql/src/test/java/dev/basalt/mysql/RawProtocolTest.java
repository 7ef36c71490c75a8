package dev.basalt.mysql;

import dev.basalt.mysql.fake.FakeEngine;
import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.protocol.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Commands and failure modes driven packet by packet. */
class RawProtocolTest {
    static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture("mysql_native_password", 1024 * 1024, true);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** Earlier tests' connections close asynchronously on the server side. */
    static void awaitNoConnections() throws InterruptedException {
        for (int i = 0; i < 500 && fixture.server.openConnections() > 0; i++) Thread.sleep(10);
        assertEquals(0, fixture.server.openConnections());
    }

    static RawClient login(int extraCaps) throws IOException {
        RawClient c = new RawClient(fixture.port()).login("alice", "secret", "test", extraCaps);
        Payload ok = c.read();
        assertEquals(0x00, ok.readInt1(), "login OK");
        return c;
    }

    static void assertOk(Payload p) {
        assertEquals(0x00, p.peek(), "expected OK but got error " + (p.peek() == 0xFF ? RawClient.errorCode(p) : p.peek()));
    }

    static void assertError(Payload p, int code, String state) {
        assertEquals(0xFF, p.readInt1());
        assertEquals(code, p.readInt2());
        assertEquals('#', p.readInt1());
        assertEquals(state, new String(p.readBytes(5), StandardCharsets.US_ASCII));
    }

    /** Reads column count, definitions, rows and the terminator; returns rows as text and the last status. */
    static List<List<String>> readResultSet(RawClient c, boolean deprecateEof, int[] statusOut) throws IOException {
        int columns = (int) c.read().readLenenc();
        for (int i = 0; i < columns; i++) assertEquals("def", c.read().readLenencString());
        if (!deprecateEof) assertEquals(0xFE, c.read().readInt1());
        List<List<String>> rows = new ArrayList<>();
        while (true) {
            Payload p = c.read();
            if (p.peek() == 0xFE && p.remaining() < 0xFFFFFF) {
                p.readInt1();
                if (deprecateEof) {
                    p.readLenenc();
                    p.readLenenc();
                    statusOut[0] = p.readInt2();
                } else {
                    p.readInt2();
                    statusOut[0] = p.readInt2();
                }
                return rows;
            }
            assertNotEquals(0xFF, p.peek(), "error inside result set");
            List<String> row = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                if (p.peek() == 0xFB) {
                    p.readInt1();
                    row.add(null);
                } else {
                    row.add(p.readLenencString());
                }
            }
            rows.add(row);
        }
    }

    @Test
    void malformedHandshakeClosesOnlyThatConnection() throws Exception {
        try (RawClient bad = new RawClient(fixture.port())) {
            bad.readGreeting();
            bad.out.begin().int4(Capabilities.PROTOCOL_41).int1(1).send(); // truncated response
            bad.out.flush();
            assertError(bad.read(), 1043, "08S01");
            assertNull(bad.read(), "server hangs up after a bad handshake");
        }
        try (Socket http = new Socket("127.0.0.1", fixture.port())) {
            http.setSoTimeout(5000);
            InputStream in = http.getInputStream();
            in.readNBytes(4 + 20); // part of the greeting, whatever
            OutputStream out = http.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] rest = in.readAllBytes(); // the server closes the connection
            assertNotNull(rest);
        }
        try (RawClient good = login(0)) {
            good.command(0x0e, new byte[0]);
            assertOk(good.read());
        }
    }

    @Test
    void packetAboveMaxAllowedPacketIs1153AndServerKeepsServing() throws Exception {
        try (RawClient c = login(0)) {
            c.query("SELECT '" + "x".repeat(2 * 1024 * 1024) + "'");
            Payload err = c.read();
            assertError(err, 1153, "08S01");
            assertEquals("Got a packet bigger than 'max_allowed_packet' bytes", err.readRestString());
            assertNull(c.read(), "connection closed after 1153");
        }
        try (RawClient c = login(0)) {
            c.query("SELECT 1");
            int[] status = new int[1];
            assertEquals(List.of(List.of("1")), readResultSet(c, false, status));
        }
    }

    @Test
    void fieldListWithAndWithoutDeprecateEof() throws Exception {
        for (int caps : new int[] {0, Capabilities.DEPRECATE_EOF}) {
            try (RawClient c = login(caps)) {
                c.command(0x04, "people\0".getBytes(StandardCharsets.UTF_8));
                List<String> names = new ArrayList<>();
                while (true) {
                    Payload p = c.read();
                    if (p.peek() == 0xFE) {
                        assertEquals(caps == 0 ? 5 : 7, p.remaining(), "EOF vs OK-as-EOF");
                        break;
                    }
                    assertEquals("def", p.readLenencString());
                    p.readLenencString();
                    p.readLenencString();
                    p.readLenencString();
                    names.add(p.readLenencString());
                }
                assertEquals(List.of("id", "name", "score", "born", "photo", "ratio"), names);
                c.command(0x04, "nosuch\0".getBytes(StandardCharsets.UTF_8));
                assertError(c.read(), 1146, "42S02");
            }
        }
    }

    @Test
    void multiStatementsFollowComSetOption() throws Exception {
        try (RawClient c = login(Capabilities.DEPRECATE_EOF | Capabilities.MULTI_RESULTS)) {
            c.query("SELECT 1; SELECT 2");
            assertError(c.read(), 1064, "42000");

            c.command(0x1b, new byte[] {0, 0});
            Payload eof = c.read();
            assertEquals(0xFE, eof.peek());

            c.query("SELECT 1; INSERT INTO t VALUES (1); SELECT 'z'");
            int[] status = new int[1];
            assertEquals(List.of(List.of("1")), readResultSet(c, true, status));
            assertNotEquals(0, status[0] & 0x0008, "more results after the first");
            Payload ok = c.read();
            assertEquals(0, ok.readInt1());
            assertEquals(3, ok.readLenenc());
            assertEquals(42, ok.readLenenc());
            assertNotEquals(0, ok.readInt2() & 0x0008, "more results after the second");
            assertEquals(List.of(List.of("z")), readResultSet(c, true, status));
            assertEquals(0, status[0] & 0x0008, "none after the last");
            assertNotEquals(0, status[0] & 0x0002, "autocommit");

            c.command(0x1b, new byte[] {1, 0});
            assertEquals(0xFE, c.read().peek());
            c.query("SELECT 1; SELECT 2");
            assertError(c.read(), 1064, "42000");
        }
    }

    @Test
    void miscellaneousCommands() throws Exception {
        try (RawClient c = login(0)) {
            c.command(0x09, new byte[0]);
            assertTrue(c.read().readRestString().startsWith("Uptime: "));

            c.command(0x02, "mysql".getBytes(StandardCharsets.UTF_8));
            assertOk(c.read());
            c.command(0x02, "nosuch".getBytes(StandardCharsets.UTF_8));
            assertError(c.read(), 1049, "42000");

            c.command(0x1f, new byte[0]); // COM_RESET_CONNECTION
            assertOk(c.read());
            c.command(0x0d, new byte[0]); // COM_DEBUG
            assertEquals(0xFE, c.read().peek());

            c.command(0x16, "SELECT 1".getBytes(StandardCharsets.UTF_8)); // COM_STMT_PREPARE: the fake refuses this text
            assertError(c.read(), 1064, "42000");
            c.command(0x7F, new byte[0]);
            assertError(c.read(), 1047, "08S01");

            c.command(0x19, new byte[] {1, 0, 0, 0}); // COM_STMT_CLOSE has no reply...
            c.command(0x0e, new byte[0]);               // ...so the next reply is the ping's
            Payload pong = c.read();
            assertOk(pong);

            c.query("BEGIN");
            Payload begun = c.read();
            begun.readInt1();
            begun.readLenenc();
            begun.readLenenc();
            assertNotEquals(0, begun.readInt2() & 0x0001, "IN_TRANS after BEGIN");

            c.query("BOOM");
            assertError(c.read(), 1105, "HY000");
            c.command(0x0e, new byte[0]);
            assertOk(c.read());
        }
    }

    @Test
    void killClosesOwnConnectionsOnly() throws Exception {
        try (RawClient victim = login(0); RawClient killer = login(0)) {
            byte[] id = {(byte) victim.connectionId, (byte) (victim.connectionId >> 8), (byte) (victim.connectionId >> 16), 0};
            killer.command(0x0c, id);
            assertOk(killer.read());
            victim.command(0x0e, new byte[0]);
            assertThrows(IOException.class, () -> {
                if (victim.read() == null) throw new IOException("closed");
            });
            try (RawClient other = new RawClient(fixture.port()).login("root", "", null, 0)) {
                assertOk(other.read());
                byte[] otherId = {(byte) other.connectionId, (byte) (other.connectionId >> 8), (byte) (other.connectionId >> 16), 0};
                killer.command(0x0c, otherId);
                assertError(killer.read(), 1095, "HY000");
                other.command(0x0e, new byte[0]);
                assertOk(other.read());
            }
            killer.command(0x0c, new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0});
            Payload err = killer.read();
            assertError(err, 1094, "HY000");
            assertEquals("Unknown thread id: 65535", err.readRestString());
        }
    }

    @Test
    void clientVanishingMidResultFreesItsSession() throws Exception {
        awaitNoConnections();
        int sessionsBefore = fixture.engine.openSessions.get();
        RawClient c = login(0);
        assertEquals(sessionsBefore + 1, fixture.engine.openSessions.get());
        c.socket.setSoLinger(true, 0); // vanish with a reset, mid-stream
        c.query("SELECT * FROM seq_2000000");
        c.read(); // column count: the server is streaming
        c.close();
        for (int i = 0; i < 500 && fixture.engine.openSessions.get() != sessionsBefore; i++) Thread.sleep(10);
        assertEquals(sessionsBefore, fixture.engine.openSessions.get(), "session closed after the client vanished");
        try (RawClient other = login(0)) {
            other.command(0x0e, new byte[0]);
            assertOk(other.read());
        }
    }

    @Test
    void idleClientsAreClosedAfterWaitTimeout() throws Exception {
        try (RawClient c = login(0)) {
            c.query("SET SESSION wait_timeout = 1");
            assertOk(c.read());
            long started = System.nanoTime();
            assertNull(c.read(), "server hangs up on the idle connection");
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waited >= 900 && waited < 5000, "closed after " + waited + " ms");
        }
    }

    @Test
    void clientsThatStopReadingAreClosedAfterNetWriteTimeout() throws Exception {
        awaitNoConnections();
        int sessionsBefore = fixture.engine.openSessions.get();
        try (RawClient c = login(0)) {
            c.socket.setReceiveBufferSize(4096);
            c.query("SET net_write_timeout = 1");
            assertOk(c.read());
            c.query("SELECT * FROM seq_50000000"); // far more than the socket buffers hold; never read
            for (int i = 0; i < 600 && fixture.engine.openSessions.get() != sessionsBefore; i++) Thread.sleep(10);
            assertEquals(sessionsBefore, fixture.engine.openSessions.get(), "server gave up on the stalled client");
        }
    }

    @Test
    void emptyCommandPacketClosesTheConnection() throws Exception {
        try (RawClient c = login(0)) {
            c.sequence.reset();
            c.out.begin().send();
            c.out.flush();
            assertNull(c.read());
        }
    }

    @Test
    void tooManyConnectionsIs1040() throws Exception {
        MySqlServer small = new MySqlServer(new FakeEngine(),
                new MySqlServerConfig("127.0.0.1", 0, 1 << 20, "mysql_native_password", 1));
        small.start();
        try (RawClient first = new RawClient(small.port()).login("root", "", null, 0)) {
            assertOk(first.read());
            try (RawClient second = new RawClient(small.port())) {
                assertError(second.read(), 1040, "08004");
            }
        } finally {
            small.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void shutdownClosesIdleConnectionsAndLetsRunningStatementsFinish() throws Exception {
        MySqlServer server = new MySqlServer(new FakeEngine(),
                new MySqlServerConfig("127.0.0.1", 0, 1 << 20, "mysql_native_password", 10));
        server.start();
        int port = server.port();
        RawClient idle = new RawClient(port).login("root", "", null, 0);
        RawClient busy = new RawClient(port).login("root", "", null, 0);
        assertOk(idle.read());
        assertOk(busy.read());
        assertEquals(2, server.openConnections());
        busy.query("SLEEP 500");
        Thread.sleep(100); // let the statement start
        long started = System.nanoTime();
        server.shutdown(Duration.ofSeconds(5));
        assertTrue(System.nanoTime() - started < 4_000_000_000L, "drained well before the deadline");
        assertOk(busy.read()); // the in-flight statement completed and answered
        assertNull(busy.read());
        assertNull(idle.read());
        assertEquals(0, server.openConnections());
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
        idle.close();
        busy.close();
    }
}
