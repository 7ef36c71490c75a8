package dev.basalt.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * On the PostgreSQL port an unknown user name gets a made-up SCRAM salt, as PostgreSQL's mock
 * authentication. It must be the same after a restart, as a real account's salt is: otherwise
 * comparing salts across a restart tells unknown names from real ones. A raw socket reads the
 * salt from the server-first message.
 */
class PgMockSaltRestartTest {

    @Test
    void anUnknownUsersSaltSurvivesARestartAndDiffersBetweenUsers(@TempDir Path dir) throws Exception {
        ServerSettings settings = ServerSettings.defaults().withPort(0).withStorage("lmdb").withDataDir(dir);
        String ghost, ghost2;
        try (BasaltServer server = BasaltServer.start(settings)) {
            int pg = server.startPostgres(0);
            ghost = serverFirstSalt(pg, "ghost");
            ghost2 = serverFirstSalt(pg, "ghost2");
            assertEquals(ghost, serverFirstSalt(pg, "ghost"));
        }
        assertNotEquals(ghost, ghost2, "each name its own salt");
        try (BasaltServer server = BasaltServer.start(settings)) {
            int pg = server.startPostgres(0);
            assertEquals(ghost, serverFirstSalt(pg, "ghost"), "the same salt after the restart");
            assertEquals(ghost2, serverFirstSalt(pg, "ghost2"));
        }
    }

    /** Starts a login as {@code user}, answers AuthenticationSASL with a client-first message, returns the salt. */
    private static String serverFirstSalt(int port, String user) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
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
}
