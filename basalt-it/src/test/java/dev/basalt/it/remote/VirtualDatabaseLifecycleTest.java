package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static dev.basalt.it.remote.VirtualDatabaseTest.column;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Virtual databases across a Basalt restart, and while the remote goes away and comes back. */
class VirtualDatabaseLifecycleTest {

    @Test
    void mappingSurvivesARestartOnLmdb() throws Exception {
        MariaDbServer maria = MariaDbFixture.require();
        try (Connection remote = maria.connect("")) {
            exec(remote, "DROP DATABASE IF EXISTS vdb_persist", "CREATE DATABASE vdb_persist",
                    "CREATE TABLE vdb_persist.t (id INT PRIMARY KEY)", "INSERT INTO vdb_persist.t VALUES (7)");
        }
        Path dir = Files.createTempDirectory("basalt-vdb-");
        ServerSettings settings = ServerSettings.defaults().withStorage("lmdb").withPort(0).withRootPassword("").withDataDir(dir);
        try {
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("")) {
                exec(c, "CREATE DATABASE keep__remote__127_0_0_1__" + maria.port() + "__vdb_persist__root__pw");
            }
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("")) {
                assertTrue(column(c, "SHOW DATABASES").contains("keep"));
                assertEquals(List.of("7"), column(c, "SELECT id FROM keep.t"));
                exec(c, "DROP DATABASE keep");
            }
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("")) {
                assertTrue(!column(c, "SHOW DATABASES").contains("keep"));
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    @Test
    void remoteOutageIsAnErrorNotAHangAndRecovers() throws Exception {
        MariaDbFixture.require();
        try (MariaDbServer maria = MariaDbServer.start(); TestServer basalt = TestServer.memory();
             Connection c = basalt.connect("")) {
            try (Connection remote = maria.connect("")) {
                exec(remote, "CREATE DATABASE vdb_outage", "CREATE TABLE vdb_outage.t (id INT PRIMARY KEY)",
                        "INSERT INTO vdb_outage.t VALUES (1)");
            }
            exec(c, "CREATE DATABASE flaky__remote__127_0_0_1__" + maria.port() + "__vdb_outage__root__",
                    "CREATE DATABASE here", "CREATE TABLE here.t (id INT)", "INSERT INTO here.t VALUES (5)");
            assertEquals(List.of("1"), column(c, "SELECT id FROM flaky.t"));

            maria.kill();
            for (String sql : List.of("SELECT id FROM flaky.t", "INSERT INTO flaky.t VALUES (2)")) {
                long t0 = System.nanoTime();
                SQLException e = assertThrows(SQLException.class, () -> column(c, sql));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(e.getErrorCode() == 1429 || e.getErrorCode() == 1430, e.getErrorCode() + " " + e.getMessage());
                assertEquals("HY000", e.getSQLState());
                assertTrue(ms < 8000, sql + " took " + ms + " ms");
            }
            assertEquals(List.of("5"), column(c, "SELECT id FROM here.t"));   // local databases unaffected
            assertTrue(column(c, "SHOW DATABASES").contains("flaky"));
            assertEquals(List.of("t"), column(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ('here', 'flaky')"));

            maria.restart();
            assertEquals(List.of("1"), column(c, "SELECT id FROM flaky.t"));
            exec(c, "INSERT INTO flaky.t VALUES (3)");
            assertEquals(List.of("1", "3"), column(c, "SELECT id FROM flaky.t ORDER BY id"));
        }
    }
}
