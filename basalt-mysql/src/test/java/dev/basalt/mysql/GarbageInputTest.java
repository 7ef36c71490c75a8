package dev.basalt.mysql;

import dev.basalt.mysql.protocol.Payload;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Seeded random handshakes and commands: each may end its own connection, none may end the server. */
class GarbageInputTest {

    @Test
    void randomPacketsNeverTakeTheServerDown() throws Exception {
        try (ServerFixture f = new ServerFixture("mysql_native_password", 1024 * 1024, true)) {
            Random random = new Random(20261121);
            for (int i = 0; i < 150; i++) {
                try (RawClient c = new RawClient(f.port())) {
                    c.socket.setSoTimeout(2000);
                    c.readGreeting();
                    byte[] junk = new byte[random.nextInt(120)];
                    random.nextBytes(junk);
                    if (i % 2 == 0 && junk.length >= 4) junk[1] |= 0x02; // often claim PROTOCOL_41 to get further
                    c.out.begin().bytes(junk).send();
                    c.out.flush();
                    drain(c);
                }
            }
            for (int i = 0; i < 150; i++) {
                try (RawClient c = new RawClient(f.port()).login("root", "", null, 0)) {
                    c.socket.setSoTimeout(2000);
                    assertEquals(0, c.read().readInt1());
                    int command = random.nextInt(0x40);
                    if (command == 0x0c) command = 0x0e; // KILL with a random id could hit a neighbour
                    byte[] body = new byte[random.nextInt(60)];
                    random.nextBytes(body);
                    c.command(command, body);
                }
            }
            try (RawClient c = new RawClient(f.port()).login("alice", "secret", "test", 0)) {
                Payload ok = c.read();
                assertEquals(0, ok.readInt1(), "server still accepts logins");
                c.command(0x0e, new byte[0]);
                assertEquals(0, c.read().readInt1());
            }
            for (int i = 0; i < 300 && f.server.openConnections() > 0; i++) Thread.sleep(10);
            assertEquals(0, f.server.openConnections(), "every junk connection was cleaned up");
        }
    }

    private static void drain(RawClient c) {
        try {
            while (c.socket.getInputStream().read() >= 0) {
                // the server answers with an error or just hangs up
            }
        } catch (IOException expected) {
            // reset or timeout: either way the connection is done
        }
    }
}
