package dev.basalt.server.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --init-file} on a server process: seeds a new data directory, or fails leaving none. */
class InitFileProcessTest {

    @TempDir
    Path dir;

    @Test
    void newDataDirectoryIsSeededOnceAndLogsAreJson() throws Exception {
        Path init = dir.resolve("init.sql");
        Files.writeString(init, """
                -- seed data
                CREATE DATABASE shop;
                CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(20));
                INSERT INTO shop.items VALUES (1, 'bolt; nut'), (2, 'washer');
                CREATE USER 'app'@'%' IDENTIFIED BY 'secret';
                DELIMITER //
                CREATE PROCEDURE shop.n() BEGIN SELECT COUNT(*) FROM shop.items; END //
                DELIMITER ;
                """);
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(dir, "--data-dir", data.toString(), "--init-file",
                init.toString(), "--log-format", "json")) {
            assertTrue(server.awaitReady() > 0, server.stderrText());
            assertEquals("id\tname\n1\tbolt; nut\n2\twasher\n", server.sql("SELECT * FROM shop.items ORDER BY id;"));
            assertEquals("user\napp\n", server.sql("SELECT user FROM mysql.user WHERE user = 'app';"));
            assertEquals("COUNT(*)\n2\n", server.sql("CALL shop.n();"));
            String log = server.stderrText();
            assertTrue(log.lines().anyMatch(l -> l.startsWith("{\"time\":\"") && l.contains("\"message\":\"created ")),
                    log);
        }
        // an existing data directory is not initialised again: a script that would fail is not run
        Files.writeString(init, "DROP DATABASE nothing_here;\n");
        try (ServerProcess server = ServerProcess.start(dir, "--data-dir", data.toString(), "--init-file", init.toString())) {
            assertTrue(server.awaitReady() > 0, server.stderrText());
            assertEquals("COUNT(*)\n2\n", server.sql("SELECT COUNT(*) FROM shop.items;"));
        }
    }

    @Test
    void failingScriptNamesFileLineAndStatementAndLeavesNoDirectory() throws Exception {
        Path init = dir.resolve("bad.sql");
        Files.writeString(init, "CREATE DATABASE shop;\n\nINSERT INTO shop.missing\n  VALUES (1);\nSELECT 1;\n");
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(dir, "--data-dir", data.toString(), "--init-file", init.toString())) {
            assertEquals(-1, server.awaitReady());
            assertEquals(1, server.exitCode());
            String err = server.stderrText();
            assertTrue(err.contains(init + ":3: ERROR 1146 (42S02): Table 'shop.missing' doesn't exist"), err);
            assertTrue(err.contains("in statement: INSERT INTO shop.missing VALUES (1)"), err);
        }
        assertFalse(Files.exists(data));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".init-")), "temporary directory removed");
        }
    }
}
