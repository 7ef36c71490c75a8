package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.RemoteDatabaseEntry;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.SettingsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static dev.basalt.it.remote.VirtualDatabaseTest.column;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configured virtual databases across restarts of one lmdb data directory. */
class VirtualDatabaseConfigLifecycleTest {
    private MariaDbServer maria;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        maria = MariaDbFixture.require();
        try (Connection remote = maria.connect("")) {
            exec(remote, "CREATE DATABASE IF NOT EXISTS cfg_life",
                    "CREATE TABLE IF NOT EXISTS cfg_life.t (id INT PRIMARY KEY)", "REPLACE INTO cfg_life.t VALUES (1)");
        }
        dir = Files.createTempDirectory("basalt-vdb-life-");
    }

    @AfterEach
    void tearDown() {
        TempDirs.deleteRecursively(dir);
    }

    private TestServer start(List<RemoteDatabaseEntry> dbs) throws Exception {
        return TestServer.start(ServerSettings.defaults().withStorage("lmdb").withDataDir(dir).withPort(0)
                .withRootPassword("").withRemoteDatabases(dbs));
    }

    private RemoteDatabaseEntry entry(String name) {
        return new RemoteDatabaseEntry(name, "127.0.0.1", maria.port(), "cfg_life", "root", "pw", false, 2, 3);
    }

    @Test
    void survivesRestartsAndARemovedEntryCanBeDropped() throws Exception {
        try (TestServer b = start(List.of(entry("life")))) {
            try (Connection c = b.connect("")) {
                assertEquals(List.of("1"), column(c, "SELECT id FROM life.t"));
            }
        }
        try (TestServer b = start(List.of(entry("life")))) {  // the reference is already there: reused
            try (Connection c = b.connect("")) {
                assertEquals(List.of("1"), column(c, "SELECT id FROM life.t"));
            }
        }
        try (TestServer b = start(List.of())) {
            try (Connection c = b.connect("")) {
                SQLException e = assertThrows(SQLException.class, () -> column(c, "SELECT id FROM life.t"));
                assertEquals(1429, e.getErrorCode(), e.getMessage());
                assertTrue(e.getMessage().contains("no longer is"), e.getMessage());
                exec(c, "DROP DATABASE life");
                assertFalse(column(c, "SHOW DATABASES").contains("life"));
            }
        }
    }

    @Test
    void aSqlCreatedDatabaseOfTheSameNameStopsStartUp() throws Exception {
        try (TestServer b = start(List.of())) {
            try (Connection c = b.connect("")) {
                exec(c, "CREATE DATABASE life");
            }
        }
        SettingsException e = assertThrows(SettingsException.class, () -> start(List.of(entry("life"))).close());
        assertTrue(e.getMessage().contains("remote-databases: 'life' is already a database"), e.getMessage());
        // and the data directory is usable again afterwards (the failed start released it)
        try (TestServer b = start(List.of())) {
            try (Connection c = b.connect("")) {
                assertTrue(column(c, "SHOW DATABASES").contains("life"));
            }
        }
    }
}
