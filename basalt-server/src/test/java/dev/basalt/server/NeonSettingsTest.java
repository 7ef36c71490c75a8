package dev.basalt.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The neon storage's settings and how the server reacts to them. */
class NeonSettingsTest {

    private static NeonSettings load(Path dir, Map<String, String> env, Map<Setting, String> flags) {
        Map<Setting, String> all = new EnumMap<>(Setting.class);
        all.putAll(flags);
        return new SettingsLoader(env, dir).loadNeon(all, null);
    }

    @Test
    void defaultsServeMainReadWrite(@TempDir Path dir) {
        NeonSettings n = load(dir, Map.of(), Map.of());
        assertEquals(List.of(), n.safekeepers());
        assertEquals("", n.pageserver());
        assertEquals("main", n.branch());
        assertFalse(n.readOnly());
        assertEquals(256L << 20, n.cacheBytes());
    }

    @Test
    void flagsEnvironmentAndFileAreRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("basalt.yaml"), "pageserver: ps:7000\nneon-cache-size: 1M\n");
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.SAFEKEEPERS, "a:1, b:2,c:3");
        flags.put(Setting.AT, "42");
        NeonSettings n = load(dir, Map.of("BASALT_BRANCH", "dev"), flags);
        assertEquals(List.of("a:1", "b:2", "c:3"), n.safekeepers());
        assertEquals("ps:7000", n.pageserver());
        assertEquals("dev", n.branch());
        assertEquals(42, n.atLsn());
        assertTrue(n.readOnly());
        assertEquals(1L << 20, n.cacheBytes());
    }

    @Test
    void atTakesAnLsnOrAUtcTime(@TempDir Path dir) {
        assertEquals(1_767_225_600_000_000L, load(dir, Map.of(), Map.of(Setting.AT, "2026-01-01 00:00:00")).atMicros());
        assertEquals(1_767_225_600_500_000L, load(dir, Map.of(), Map.of(Setting.AT, "2026-01-01T00:00:00.5Z")).atMicros());
        SettingsException bad = assertThrows(SettingsException.class, () -> load(dir, Map.of(), Map.of(Setting.AT, "yesterday")));
        assertTrue(bad.getMessage().startsWith("at:"), bad.getMessage());
        assertThrows(SettingsException.class, () -> load(dir, Map.of(), Map.of(Setting.AT, "0")));
        SettingsException node = assertThrows(SettingsException.class, () -> load(dir, Map.of(), Map.of(Setting.SAFEKEEPERS, "a:1,b")));
        assertTrue(node.getMessage().contains("safekeepers"), node.getMessage());
    }

    @Test
    void neonStorageSaysClearlyWhatIsMissing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"server", "--storage", "neon", "--port", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.USAGE, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--safekeepers"), err.toString(StandardCharsets.UTF_8));

        err.reset();
        System.setProperty("basalt.neon.startWaitSeconds", "3"); // nothing listens there: no need to wait 30 s
        try {
            status = Main.run(new String[] {"server", "--storage", "neon", "--port", "0", "--safekeepers", "127.0.0.1:1",
                            "--pageserver", "127.0.0.1:2"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("basalt.neon.startWaitSeconds");
        }
        assertEquals(Main.FAILED, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("cannot open the neon storage") && message.contains("safekeeper"), message);
    }

    @Test
    void neonMemoryServesSql() throws Exception {
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("neon-memory"))) {
            assertTrue(server.port() > 0);
            assertEquals("neon-memory", server.storageDescription());
            var status = ((dev.basalt.engine.BasaltEngine) server.engine()).externalStatus();
            assertEquals("OFF", status.get("Neon_read_only"));
            assertTrue(status.containsKey("Neon_cache_hits"));
        }
    }
}
