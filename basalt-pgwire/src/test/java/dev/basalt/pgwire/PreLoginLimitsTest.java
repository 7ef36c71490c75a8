package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a client that has not logged in can make the PostgreSQL listener do: send a startup packet
 * of at most 10,000 bytes and small authentication messages (a bigger declared length is refused
 * before the body is read, so no stranger makes the server buffer megabytes), hold a connection
 * only until the login timeout (however slowly it trickles bytes), and never take a logged-in
 * client's slot (half-open connections have their own cap). Raw sockets play the attacker, pgjdbc
 * the real user.
 */
class PreLoginLimitsTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("", "scram-sha-256"); // root without password: trust on loopback
        server.server.loginTimeout(Duration.ofSeconds(2));
        try (var root = DriverManager.getConnection(server.url("postgres"), "root", "")) {
            root.createStatement().execute("CREATE USER app IDENTIFIED BY 'app-Pw'");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aStartupPacketOverTenThousandBytesIsRefusedUnread() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            // promises 64 MB (the listener's max message after login) and sends no body: the refusal must come
            // without it. (Sending body bytes raced the server's close: a broken pipe, or a reset for unread data.)
            out.writeInt(64 << 20);
            out.flush();
            assertEquals("08P01", errorCode(new DataInputStream(s.getInputStream())),
                    "refused at once, not after waiting for 64 MB");
        }
        assertServerWorks();
    }

    @Test
    void anAuthenticationMessageOverTheCapIsRefusedUnread() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            startup(out, "app");
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertEquals('R', in.readUnsignedByte(), "an authentication request");
            in.readFully(new byte[in.readInt() - 4]);
            out.writeByte('p');
            out.writeInt(32 << 20); // a 32 MB "password"
            out.write(new byte[16 * 1024]);
            out.flush();
            assertEquals("08P01", errorCode(in), "refused at once, not after waiting for 32 MB");
        }
        assertServerWorks();
    }

    @Test
    void aTricklingClientIsClosedAtTheLoginTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            long start = System.nanoTime();
            // a startup packet of 9,000 bytes, one byte every 200 ms: each read is quick, the whole is not
            byte[] packet = new byte[9000];
            packet[2] = (byte) (9000 >> 8);
            packet[3] = (byte) (9000 & 0xFF);
            packet[5] = 3;
            boolean closed = false;
            s.setSoTimeout(200); // each wait for an answer doubles as the pause between bytes
            for (int i = 0; i < packet.length && !closed && System.nanoTime() - start < 8_000_000_000L; i++) {
                try {
                    s.getOutputStream().write(packet[i]);
                    s.getOutputStream().flush();
                    closed = s.getInputStream().read() < 0;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // no answer yet: the next byte
                } catch (SocketException e) {
                    closed = true;
                }
            }
            assertTrue(closed, "closed by the server");
            assertTrue(System.nanoTime() - start < 6_000_000_000L, "within the 2 s login timeout (+ the watchdog's period)");
        }
        assertServerWorks();
    }

    @Test
    void halfOpenConnectionsDoNotLockOutRealClients() throws Exception {
        // more idle sockets than max_connections (50) and than the start-up cap (64)
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) idle.add(new Socket("127.0.0.1", server.port()));
            Thread.sleep(300); // all accepted
            assertServerWorks();
            try (var c = DriverManager.getConnection(server.url("postgres"), "app", "app-Pw")) {
                assertTrue(c.createStatement().executeQuery("SELECT 1").next());
            }
        } finally {
            for (Socket s : idle) s.close();
        }
    }

    @Test
    void repeatedFailedLoginsAreDelayedAndSharedWithTheOtherPorts() throws Exception {
        try (var root = DriverManager.getConnection(server.url("postgres"), "root", "")) {
            root.createStatement().execute("CREATE USER guessed IDENTIFIED BY 'right-Pw'");
        }
        for (int i = 0; i < 3; i++) {
            java.sql.SQLException e = assertThrows(java.sql.SQLException.class,
                    () -> DriverManager.getConnection(server.url("postgres"), "guessed", "wrong").close());
            assertEquals("28P01", e.getSQLState());
        }
        // the engine's memory of failures, which the MySQL port and the HTTP API consult too
        assertTrue(server.engine.loginThrottle().delayMillis("guessed", "127.0.0.1") >= 1000);
        long start = System.nanoTime();
        try (var c = DriverManager.getConnection(server.url("postgres"), "guessed", "right-Pw")) {
            assertTrue(c.createStatement().executeQuery("SELECT 1").next());
        }
        assertTrue(System.nanoTime() - start >= 900_000_000L, "the fourth attempt waited about a second");
        // a success forgets the failures
        assertEquals(0, server.engine.loginThrottle().delayMillis("guessed", "127.0.0.1"));
    }

    @Test
    void anUnknownUserGoesThroughScramLikeARealOne() throws Exception {
        // PostgreSQL's mock authentication: refusing an unknown name at once would tell a stranger which names exist
        String ghostSalt = serverFirstSalt("ghost");
        assertEquals(ghostSalt, serverFirstSalt("ghost"), "the same salt each time, as a real account's");
        assertNotEquals(ghostSalt, serverFirstSalt("ghost2"));
        String appSalt = serverFirstSalt("app");
        assertEquals(appSalt, serverFirstSalt("app"));
        java.sql.SQLException e = assertThrows(java.sql.SQLException.class,
                () -> DriverManager.getConnection(server.url("postgres"), "ghost", "x").close());
        assertEquals("28P01", e.getSQLState());
        assertTrue(e.getMessage().contains("password authentication failed for user \"ghost\""), e.getMessage());
        assertServerWorks();
    }

    /** Starts a login as {@code user}, answers AuthenticationSASL with a client-first message, returns the salt. */
    private static String serverFirstSalt(String user) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            startup(out, user);
            assertEquals('R', in.readUnsignedByte(), "an authentication request, not an error");
            byte[] sasl = new byte[in.readInt() - 4];
            in.readFully(sasl);
            assertEquals(10, java.nio.ByteBuffer.wrap(sasl).getInt(), "AuthenticationSASL");
            byte[] first = "n,,n=,r=abcdefghijklmnop".getBytes(StandardCharsets.US_ASCII);
            byte[] mechanism = "SCRAM-SHA-256\0".getBytes(StandardCharsets.US_ASCII);
            out.writeByte('p');
            out.writeInt(4 + mechanism.length + 4 + first.length);
            out.write(mechanism);
            out.writeInt(first.length);
            out.write(first);
            out.flush();
            assertEquals('R', in.readUnsignedByte());
            byte[] cont = new byte[in.readInt() - 4];
            in.readFully(cont);
            assertEquals(11, java.nio.ByteBuffer.wrap(cont).getInt(), "AuthenticationSASLContinue");
            String serverFirst = new String(cont, 4, cont.length - 4, StandardCharsets.US_ASCII);
            for (String part : serverFirst.split(",")) if (part.startsWith("s=")) return part.substring(2);
            throw new AssertionError("no salt in " + serverFirst);
        }
    }

    private static void startup(DataOutputStream out, String user) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(3 << 16);
        for (String kv : new String[] {"user", user, "database", "postgres"}) {
            b.write(kv.getBytes(StandardCharsets.UTF_8));
            b.writeByte(0);
        }
        b.writeByte(0);
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
    }

    private static void assertServerWorks() throws Exception {
        try (var c = DriverManager.getConnection(server.url("postgres"), "root", "")) {
            ResultSet rs = c.createStatement().executeQuery("SELECT 42");
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
    }

    /** Reads messages up to an ErrorResponse and returns its SQLSTATE. */
    private static String errorCode(DataInputStream in) throws IOException {
        while (true) {
            int type;
            try {
                type = in.readUnsignedByte();
            } catch (EOFException e) {
                return "closed without error";
            }
            byte[] payload = new byte[in.readInt() - 4];
            in.readFully(payload);
            if (type != 'E') continue;
            int i = 0;
            while (i < payload.length && payload[i] != 0) {
                int field = payload[i++];
                int end = i;
                while (payload[end] != 0) end++;
                String value = new String(payload, i, end - i, StandardCharsets.UTF_8);
                if (field == 'C') return value;
                i = end + 1;
            }
            return "no code";
        }
    }
}
