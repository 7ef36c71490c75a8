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
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Protocol violations get FATAL 08P01 and a closed connection; the server keeps serving others. */
class MalformedMessageTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("", "scram-sha-256"); // root without password: trust on loopback
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownMessageTypeIsAProtocolViolation() throws Exception {
        try (Socket s = loggedIn()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeByte('z');
            out.writeInt(4);
            out.flush();
            assertEquals("08P01", errorCode(new DataInputStream(s.getInputStream())));
            assertEquals(-1, s.getInputStream().read(), "connection closed");
        }
        assertServerWorks();
    }

    @Test
    void truncatedBindAndLyingLengthsAreProtocolViolations() throws Exception {
        try (Socket s = loggedIn()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeByte('B');
            out.writeInt(4 + 3);
            out.write(new byte[] {0, 0, 0}); // portal "", statement "", then nothing where the counts belong
            out.flush();
            assertEquals("08P01", errorCode(new DataInputStream(s.getInputStream())));
        }
        try (Socket s = loggedIn()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeByte('Q');
            out.writeInt(2); // shorter than the length field itself
            out.flush();
            assertEquals("08P01", errorCode(new DataInputStream(s.getInputStream())));
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(-5); // startup packet with a negative length
            out.flush();
            assertEquals("08P01", errorCode(new DataInputStream(s.getInputStream())));
        }
        assertServerWorks();
    }

    @Test
    void aBinaryArrayParameterClaimingMoreElementsThanItHoldsIsAProtocolViolation() throws Exception {
        // an int4[] parameter that claims 2^31-1 elements in 20 bytes: refused, not allocated for
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(array);
        a.writeInt(1); // dimensions
        a.writeInt(0); // has nulls
        a.writeInt(23); // int4
        a.writeInt(Integer.MAX_VALUE); // elements
        a.writeInt(1); // lower bound
        for (int huge : new int[] {Integer.MAX_VALUE, 4}) {
            try (Socket s = loggedIn()) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                byte[] value = array.toByteArray();
                if (huge == 4) { // one element whose length is far beyond the message
                    ByteArrayOutputStream one = new ByteArrayOutputStream();
                    DataOutputStream o = new DataOutputStream(one);
                    o.write(value, 0, 12);
                    o.writeInt(1);
                    o.writeInt(1);
                    o.writeInt(Integer.MAX_VALUE - 8);
                    value = one.toByteArray();
                }
                byte[] query = "SELECT $1".getBytes(StandardCharsets.UTF_8);
                out.writeByte('P');
                out.writeInt(4 + 1 + query.length + 1 + 2 + 4);
                out.writeByte(0);
                out.write(query);
                out.writeByte(0);
                out.writeShort(1);
                out.writeInt(1007); // int4[]
                out.writeByte('B');
                out.writeInt(4 + 1 + 1 + 2 + 2 + 2 + 4 + value.length + 2);
                out.writeByte(0);
                out.writeByte(0);
                out.writeShort(1);
                out.writeShort(1); // binary
                out.writeShort(1);
                out.writeInt(value.length);
                out.write(value);
                out.writeShort(0);
                out.writeByte('S');
                out.writeInt(4);
                out.flush();
                assertEquals("08P01", errorCode(new DataInputStream(s.getInputStream())));
            }
        }
        assertServerWorks();
    }

    @Test
    void randomBytesNeverHurtTheServer() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            try (Socket s = i % 2 == 0 ? loggedIn() : new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(2000);
                byte[] junk = new byte[random.nextInt(64) + 1];
                random.nextBytes(junk);
                if (i % 3 == 0) junk[0] = (byte) "PBDESQHCX".charAt(random.nextInt(9));
                s.getOutputStream().write(junk);
                s.getOutputStream().flush();
                s.shutdownOutput();
                s.getInputStream().readAllBytes(); // until the server answers and hangs up, or times out
            } catch (IOException expected) {
                // reset or timeout: either way the server decided
            }
        }
        assertServerWorks();
    }

    @Test
    void sslAndGssEncryptionRequestsAreDeclined() throws Exception {
        for (int code : new int[] {80877103, 80877104}) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeInt(8);
                out.writeInt(code);
                out.flush();
                assertEquals('N', s.getInputStream().read());
            }
        }
    }

    private static void assertServerWorks() throws Exception {
        try (var c = DriverManager.getConnection(server.url("postgres"), "root", "")) {
            ResultSet rs = c.createStatement().executeQuery("SELECT 42");
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
    }

    /** A trust login as root; returns once ReadyForQuery arrived. */
    private static Socket loggedIn() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(3 << 16);
        for (String kv : new String[] {"user", "root", "database", "postgres"}) {
            b.write(kv.getBytes(StandardCharsets.UTF_8));
            b.writeByte(0);
        }
        b.writeByte(0);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(body.size() + 4);
        out.write(body.toByteArray());
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        while (true) {
            int type = in.readUnsignedByte();
            byte[] payload = new byte[in.readInt() - 4];
            in.readFully(payload);
            if (type == 'Z') return s;
            if (type == 'E') throw new IOException("login failed");
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
