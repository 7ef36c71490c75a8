package dev.basalt.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.*;

/** pg-port: off unless set, with the usual flag > environment > file precedence. */
class PgPortSettingTest {

    @Test
    void offByDefault(@TempDir Path dir) {
        assertEquals(OptionalInt.empty(), new SettingsLoader(Map.of(), dir).pgPort(new EnumMap<>(Setting.class), null));
    }

    @Test
    void flagBeatsEnvironmentBeatsFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("basalt.yaml"), "pg-port: 5433\n");
        assertEquals(OptionalInt.of(5433), new SettingsLoader(Map.of(), dir).pgPort(new EnumMap<>(Setting.class), null));
        SettingsLoader withEnv = new SettingsLoader(Map.of("BASALT_PG_PORT", "5434"), dir);
        assertEquals(OptionalInt.of(5434), withEnv.pgPort(new EnumMap<>(Setting.class), null));
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.PG_PORT, "5435");
        assertEquals(OptionalInt.of(5435), withEnv.pgPort(flags, null));
    }

    @Test
    void badPortIsASettingsError(@TempDir Path dir) {
        SettingsLoader loader = new SettingsLoader(Map.of("BASALT_PG_PORT", "70000"), dir);
        SettingsException e = assertThrows(SettingsException.class, () -> loader.pgPort(new EnumMap<>(Setting.class), null));
        assertTrue(e.getMessage().contains("pg-port"), e.getMessage());
    }

    @Test
    void serverListensOnBothProtocols() throws Exception {
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"))) {
            int pg = server.startPostgres(0);
            assertTrue(pg > 0);
            assertEquals(pg, server.pgPort());
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", pg)) {
                assertTrue(s.isConnected());
            }
        }
    }
}
