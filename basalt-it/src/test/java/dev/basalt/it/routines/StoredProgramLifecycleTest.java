package dev.basalt.it.routines;

import dev.basalt.it.support.Commands;

import dev.basalt.it.cli.MariaDbCli;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Stored programs outside a single session: they survive a restart on LMDB (dropped ones stay
 * dropped), and mariadb-dump --routines --triggers dumps them in a form that loads back.
 */
class StoredProgramLifecycleTest {

    private static final List<String> SETUP = List.of(
            "CREATE TABLE t (a INT)",
            "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.a = NEW.a * 10",
            "CREATE PROCEDURE add_row(IN x INT) BEGIN INSERT INTO t VALUES (x); END",
            "CREATE FUNCTION seven() RETURNS INT DETERMINISTIC RETURN 7",
            "CREATE PROCEDURE gone() BEGIN END");

    @Test
    void programsSurviveARestartOnLmdb() throws Exception {
        Path dir = Files.createTempDirectory("basalt-routines-");
        ServerSettings settings = ServerSettings.defaults().withStorage("lmdb").withPort(0).withRootPassword("").withDataDir(dir);
        try {
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("")) {
                exec(c, "CREATE DATABASE keep", "USE keep");
                exec(c, SETUP.toArray(String[]::new));
                exec(c, "DROP PROCEDURE gone", "ALTER PROCEDURE add_row COMMENT 'kept'");
            }
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("keep")) {
                exec(c, "CALL add_row(seven())");
                assertEquals(List.of("70"), column(c, "SELECT a FROM t"));
                assertThrows(SQLException.class, () -> exec(c, "CALL gone()"));
                exec(c, "DROP TABLE t");
            }
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("keep")) {
                // the trigger went with its table; the routines stayed
                assertEquals(List.of(), column(c, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'keep'"));
                assertEquals(List.of("kept"), column(c, "SELECT ROUTINE_COMMENT FROM information_schema.ROUTINES WHERE ROUTINE_NAME = 'add_row'"));
                assertEquals(List.of("add_row", "seven"),
                        column(c, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'keep' ORDER BY ROUTINE_NAME"));
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    @Test
    void mariadbDumpWithRoutinesAndTriggersLoadsBack() throws Exception {
        String cli = MariaDbCli.binary();
        Path dumpTool = cli == null ? null : Path.of(cli).resolveSibling("mariadb-dump");
        Assumptions.assumeTrue(dumpTool != null && Files.isExecutable(dumpTool), "mariadb-dump not installed");
        Path dump = Files.createTempFile("basalt-dump-", ".sql");
        try (TestServer basalt = TestServer.memory(); Connection c = basalt.connect("")) {
            exec(c, "CREATE DATABASE dumped", "USE dumped");
            exec(c, SETUP.toArray(String[]::new));
            exec(c, "CALL add_row(1)");
            Commands.run(List.of(dumpTool.toString(), "--no-defaults", "-h", basalt.host(), "-P", Integer.toString(basalt.port()),
                    "-u", basalt.user(), "--protocol=TCP", "--skip-ssl", "--no-tablespaces", "--routines", "--triggers",
                    "--databases", "dumped", "--result-file=" + dump), null);
            exec(c, "DROP DATABASE dumped");
            Commands.run(List.of(cli, "--no-defaults", "-h", basalt.host(), "-P", Integer.toString(basalt.port()),
                    "-u", basalt.user(), "--protocol=TCP", "--skip-ssl"), dump);
            exec(c, "USE dumped", "CALL add_row(seven())");
            assertEquals(List.of("10", "70"), column(c, "SELECT a FROM t ORDER BY a"));
        } finally {
            Files.deleteIfExists(dump);
        }
    }


    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
