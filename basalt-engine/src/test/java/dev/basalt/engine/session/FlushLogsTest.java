package dev.basalt.engine.session;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.testkv.SqlRows;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FLUSH LOGS after a log file was moved away (what logrotate does): the server starts a new file. */
class FlushLogsTest {

    @TempDir
    Path dir;

    @Test
    void flushLogsReopensMovedLogFiles() throws Exception {
        Path slow = dir.resolve("slow.log"), general = dir.resolve("general.log");
        try (BasaltEngine engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20));
             Session s = engine.openSession(new SessionOptions(1, "root", "localhost", null, false))) {
            SqlRows.of(s, "SET GLOBAL slow_query_log_file = '" + slow + "'");
            SqlRows.of(s, "SET GLOBAL general_log_file = '" + general + "'");
            SqlRows.of(s, "SET GLOBAL long_query_time = 0");
            SqlRows.of(s, "SET long_query_time = 0");
            SqlRows.of(s, "SET GLOBAL slow_query_log = ON");
            SqlRows.of(s, "SET GLOBAL general_log = ON");
            SqlRows.of(s, "SELECT 'before rotation'");
            Files.move(slow, dir.resolve("slow.log.1"));
            Files.move(general, dir.resolve("general.log.1"));

            SqlRows.of(s, "SELECT 'written to the moved files'");
            SqlRows.of(s, "FLUSH SLOW LOGS");
            assertFalse(Files.exists(general), "FLUSH SLOW LOGS leaves the general log alone");
            assertTrue(Files.readString(slow).startsWith("/basalt, Version: "), "a new slow log with its header");
            SqlRows.of(s, "FLUSH LOGS");
            SqlRows.of(s, "SELECT 'after rotation'");

            String oldSlow = Files.readString(dir.resolve("slow.log.1"));
            assertTrue(oldSlow.contains("before rotation") && oldSlow.contains("written to the moved files"), oldSlow);
            assertFalse(oldSlow.contains("after rotation"), oldSlow);
            assertTrue(Files.readString(slow).contains("SELECT 'after rotation';"), Files.readString(slow));
            String newGeneral = Files.readString(general);
            assertTrue(newGeneral.contains("Query\tSELECT 'after rotation'") && !newGeneral.contains("before rotation"), newGeneral);
        }
    }
}
