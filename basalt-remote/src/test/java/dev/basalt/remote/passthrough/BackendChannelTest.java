package dev.basalt.remote.passthrough;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend socket stays in blocking mode (no connect or socket timeout), and the login timer
 * still bounds a login that never ends (a connect that never ends is closed the same way; not
 * tested: no address is sure to swallow SYNs on every machine).
 */
class BackendChannelTest {

    @Test
    void aLoginThatNeverEndsIsClosedByTheTimer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts (backlog), never answers
            BackendChannel c = BackendChannel.connect("127.0.0.1", silent.getLocalPort(), 300);
            long t0 = System.nanoTime();
            assertThrows(IOException.class, c::readFrame);
            assertTrue(c.timedOut());
            assertTrue((System.nanoTime() - t0) / 1e9 < 5, "closed by the timer, not hung");
        }
    }

    @Test
    void smallAndLargeCommandsGoOutWithTheirHeaders() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            BackendChannel c = BackendChannel.connect("127.0.0.1", server.getLocalPort(), 5000);
            c.loggedIn();
            try (Socket peer = server.accept(); InputStream in = peer.getInputStream()) {
                byte[] small = {3, 'S', 'E', 'L'};
                assertEquals(1, c.writePacket(0, small, 0, small.length));
                assertArrayEquals(new byte[] {4, 0, 0, 0, 3, 'S', 'E', 'L'}, in.readNBytes(8));
                byte[] large = new byte[5000];
                large[0] = 3;
                large[4999] = 7;
                assertEquals(6, c.writePacket(5, large, 0, large.length));
                byte[] got = in.readNBytes(5004);
                assertArrayEquals(new byte[] {(byte) 0x88, 0x13, 0, 5}, java.util.Arrays.copyOf(got, 4));
                assertEquals(3, got[4]);
                assertEquals(7, got[5003]);
            } finally {
                c.close();
            }
        }
    }
}
