package dev.basalt.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void versionPrintsTheBanner() {
        assertEquals(0, run("--version"));
        assertEquals(BasaltVersion.current().banner(), out().strip());
    }

    @Test
    void serverHelpDocumentsEverySettingWithItsEnvironmentVariableKeyAndDefault() {
        assertEquals(0, run("server", "--help"));
        String help = out().replaceAll("\\s+", " ");  // undo line wrapping
        for (Setting s : Setting.values()) {
            assertTrue(help.contains(s.flag()), s.flag());
            assertTrue(help.contains("env: " + s.envVar() + " | yaml: " + s.key() + " | default: "), s.envVar());
        }
        assertTrue(help.contains("--config") && help.contains("BASALT_CONFIG"));
        assertTrue(help.contains("default: 3306") && help.contains("default: ./data") && help.contains("default: lmdb"));
    }

    @Test
    void topLevelHelpMentionsTheServerCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("server"));
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err().contains("Usage: basalt"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("server", "--frobnicate"));
        assertTrue(err().contains("--frobnicate") && err().contains("basalt server --help"), err());
    }

    @Test
    void invalidSettingIsReportedWithoutAStackTrace() {
        assertEquals(2, run("server", "--port", "abc", "--storage", "memory"));
        assertTrue(err().startsWith("basalt: invalid port 'abc' (from --port)"), err());
        assertTrue(!err().contains("\tat "), "no stack trace");
    }

    @Test
    void portInUseFailsWithStatusOne() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(1, run("server", "--storage", "memory", "--port", Integer.toString(taken.getLocalPort())));
            assertTrue(err().contains("basalt: cannot listen on 127.0.0.1:" + taken.getLocalPort()), err());
        }
    }

    @Test
    void storageHintsOnlyWhereTheyHelp() {
        ServerSettings s = ServerSettings.defaults().withDataDir(java.nio.file.Path.of("/srv/db"));
        var format = new dev.basalt.engine.storage.kv.StorageException(
                dev.basalt.engine.storage.kv.StorageException.Kind.FORMAT, "data format 1 is older than 2");
        assertTrue(Main.storageHint(format, s).contains("--migrate"));
        assertEquals(null, Main.storageHint(format, s.withMigrate(true)));
        var locked = new dev.basalt.engine.storage.kv.StorageException(
                dev.basalt.engine.storage.kv.StorageException.Kind.LOCKED, "lock held");
        assertTrue(Main.storageHint(locked, s).contains("/srv/db"));
        var io = new dev.basalt.engine.storage.kv.StorageException(
                dev.basalt.engine.storage.kv.StorageException.Kind.IO, "disk on fire");
        assertEquals(null, Main.storageHint(io, s));
    }

    @Test
    void emptyRootPasswordOffLoopbackIsRefusedBeforeStarting() {
        assertEquals(2, run("server", "--bind", "0.0.0.0", "--root-password", "", "--storage", "memory"));
        assertTrue(err().contains("--root-password"), err());
        assertEquals("", out(), "nothing was started");
    }
}
