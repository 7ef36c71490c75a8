package dev.basalt.server;

import dev.basalt.engine.BasaltEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * connect-timeout and max-unauthenticated-connections: server settings that hold on the MySQL and
 * the PostgreSQL port alike. Raw sockets that never log in play the stranger.
 */
class PreLoginSettingsTest {

    @Test
    void flagBeatsEnvironmentBeatsFileAndBadValuesAreSettingsErrors(@TempDir Path dir) throws Exception {
        assertEquals(PreLoginSettings.DEFAULTS, new SettingsLoader(Map.of(), dir).loadPreLogin(new EnumMap<>(Setting.class), null));
        assertEquals(new PreLoginSettings(10, 64), PreLoginSettings.DEFAULTS);
        Files.writeString(dir.resolve("basalt.yaml"), "connect-timeout: 5\nmax-unauthenticated-connections: 8\n");
        assertEquals(new PreLoginSettings(5, 8), new SettingsLoader(Map.of(), dir).loadPreLogin(new EnumMap<>(Setting.class), null));
        SettingsLoader withEnv = new SettingsLoader(Map.of("BASALT_CONNECT_TIMEOUT", "6"), dir);
        assertEquals(new PreLoginSettings(6, 8), withEnv.loadPreLogin(new EnumMap<>(Setting.class), null));
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.MAX_UNAUTHENTICATED_CONNECTIONS, "2");
        assertEquals(new PreLoginSettings(6, 2), withEnv.loadPreLogin(flags, null));
        SettingsException e = assertThrows(SettingsException.class, () -> new SettingsLoader(
                Map.of("BASALT_CONNECT_TIMEOUT", "1"), dir).loadPreLogin(new EnumMap<>(Setting.class), null));
        assertTrue(e.getMessage().contains("connect-timeout"), e.getMessage());
        flags.put(Setting.MAX_UNAUTHENTICATED_CONNECTIONS, "0");
        assertThrows(SettingsException.class, () -> withEnv.loadPreLogin(flags, null));
    }

    @Test
    void bothPortsCloseALoginPastConnectTimeout() throws Exception {
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"))) {
            server.applyPreLogin(new PreLoginSettings(2, 64));
            int pg = server.startPostgres(0);
            assertEquals(2L, ((BasaltEngine) server.engine()).variables().global("connect_timeout"));
            for (int port : new int[] {server.port(), pg}) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    long start = System.nanoTime();
                    assertTrue(closedWithin(s, 8_000), "closed by the server, port " + port);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(ms >= 1_500 && ms < 5_000, "at about 2 s, not the default 10 s: " + ms + " ms, port " + port);
                }
            }
        }
    }

    /**
     * As in MySQL, SET GLOBAL connect_timeout holds for the next connection's handshake at once,
     * whoever set it. The MySQL port used to pick the value up only when one of its own connections
     * ran a command, so a change made elsewhere (the PostgreSQL port, an event, the HTTP API: here
     * the engine's variables directly) did not reach it.
     */
    @Test
    void setGlobalConnectTimeoutAppliesToTheNextConnectionOnBothPorts() throws Exception {
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"))) {
            server.applyPreLogin(new PreLoginSettings(60, 64));
            int pg = server.startPostgres(0);
            ((BasaltEngine) server.engine()).variables().setGlobal("connect_timeout", 2L);
            for (int port : new int[] {server.port(), pg}) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    // well before the 60 s it was: generous for a loaded machine
                    assertTrue(closedWithin(s, 20_000), "closed at the new connect_timeout, port " + port);
                }
            }
        }
    }

    @Test
    void bothPortsKeepAtMostTheCapOfUnfinishedLogins() throws Exception {
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"))) {
            int pg = server.startPostgres(0);
            server.applyPreLogin(new PreLoginSettings(30, 3)); // after the PostgreSQL listener started: applies there too
            for (int port : new int[] {server.port(), pg}) {
                List<Socket> sockets = new ArrayList<>();
                try {
                    for (int i = 0; i < 4; i++) {
                        sockets.add(new Socket("127.0.0.1", port));
                        Thread.sleep(100); // accepted in this order: the first is the oldest
                    }
                    assertTrue(closedWithin(sockets.get(0), 3_000), "the oldest of 4 closed at a cap of 3, port " + port);
                    assertFalse(closedWithin(sockets.get(3), 300), "the newest still open, port " + port);
                } finally {
                    for (Socket s : sockets) s.close();
                }
            }
        }
    }

    /** Reads (and drops, e.g. the MySQL greeting) until the server closes; false when still open after {@code ms}. */
    private static boolean closedWithin(Socket s, int ms) throws IOException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        InputStream in = s.getInputStream();
        byte[] buf = new byte[1024];
        while (System.nanoTime() < deadline) {
            s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                if (in.read(buf) < 0) return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (java.net.SocketException reset) {
                return true;
            }
        }
        return false;
    }
}
