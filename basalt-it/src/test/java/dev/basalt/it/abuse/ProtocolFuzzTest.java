package dev.basalt.it.abuse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random packets before and after login, on loopback, for a few seconds with a fixed seed: the
 * server may answer with errors or hang up, but never with 1105 (an internal error leaking
 * out), and it keeps serving other clients throughout.
 */
@Timeout(60)
class ProtocolFuzzTest {
    private static final long SEED = 0x5EED_0009L;
    /** A fixed number of rounds, so every machine runs the same sequence; the cap only stops a pathologically slow run. */
    private static final int ROUNDS = Integer.getInteger("basalt.protocolfuzz.rounds", 40);
    private static final long CAP_NANOS = 60_000_000_000L;
    /** Commands worth aiming at: every COM_ the server knows, plus a few it does not. */
    private static final int[] COMMANDS = {0x01, 0x02, 0x03, 0x04, 0x09, 0x0c, 0x0d, 0x0e, 0x11, 0x16, 0x17, 0x18,
            0x19, 0x1a, 0x1b, 0x1c, 0x1f, 0x00, 0x7f, 0xff};

    @Test
    void randomPacketsNeverGetAnInternalError() throws Exception {
        Random random = new Random(SEED);
        List<String> internal = new ArrayList<>();
        int rounds = 0;
        try (TestServer server = TestServer.memory()) {
            long end = System.nanoTime() + CAP_NANOS;
            while (rounds < ROUNDS && System.nanoTime() < end) {
                rounds++;
                try (RawClient c = new RawClient(server.port())) {
                    c.socket.setSoTimeout(2000);
                    if (random.nextInt(4) == 0) {
                        c.read(); // greeting
                        c.write(randomBytes(random, random.nextInt(200))); // a garbage handshake
                        check(c.read(), "handshake", internal);
                        continue;
                    }
                    byte[] login = c.loginRoot();
                    if (login == null || login[0] != 0) continue;
                    for (int i = 0; i < 8; i++) {
                        int command = COMMANDS[random.nextInt(COMMANDS.length)];
                        byte[] body = randomBody(random, command);
                        c.command(command, body);
                        if (command == 0x01) break; // COM_QUIT
                        if (command == 0x18 || command == 0x19) continue; // no reply, by protocol
                        if (!drain(c, Integer.toHexString(command), internal)) break;
                    }
                } catch (IOException e) {
                    // the server hanging up on garbage is a fine answer
                }
                if (rounds % 50 == 0) HostileClientTest.assertServing(server);
            }
            HostileClientTest.assertServing(server);
            System.out.println("ProtocolFuzzTest: " + rounds + " rounds, " + internal.size() + " internal errors");
        }
        assertTrue(internal.isEmpty(), "1105 answers: " + internal);
        assertTrue(rounds >= 3, "only " + rounds + " rounds");
    }

    /** A body that often starts like a real one (a statement id, a little SQL) and then goes astray. */
    private static byte[] randomBody(Random random, int command) {
        byte[] body = randomBytes(random, random.nextInt(random.nextBoolean() ? 16 : 300));
        if ((command == 0x03 || command == 0x16) && random.nextBoolean()) {
            String[] sql = {"SELECT ?", "SELECT 1", "DO ?", "SELECT ? + ?", "SELECT CONCAT(?, ?)"};
            return sql[random.nextInt(sql.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (command >= 0x17 && command <= 0x1c && body.length >= 4 && random.nextBoolean()) {
            body[0] = 1; // statement 1, which the prepares above may have created
            body[1] = body[2] = body[3] = 0;
        }
        return body;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Reads the reply packets until the connection goes quiet; false when the server hung up. */
    private static boolean drain(RawClient c, String what, List<String> internal) throws IOException {
        try {
            c.socket.setSoTimeout(30);
            while (true) {
                byte[] p = c.read();
                if (p == null) return false;
                check(p, what, internal);
            }
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            c.socket.setSoTimeout(2000);
        }
    }

    private static void check(byte[] packet, String what, List<String> internal) {
        if (RawClient.errorCode(packet) == 1105) internal.add(what + ": " + RawClient.errorText(packet));
    }
}
