package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.Setting;
import dev.basalt.server.ServerSettings;
import dev.basalt.server.SettingsLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.basalt.it.remote.VirtualDatabaseTest.column;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static dev.basalt.it.remote.VirtualDatabaseTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Virtual databases defined by basalt.yaml's remote-databases (one read-only, one with its password
 * from the environment), against a real MariaDB, on lmdb storage so the data directory can be
 * searched for the passwords.
 */
class VirtualDatabaseConfigTest {
    private static final String FILE_SECRET = "fileSecret7", ENV_SECRET = "envSecret9";
    private static Path dir;
    private static MariaDbServer maria;
    private static TestServer basalt;
    private static Connection remote, client;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        remote = maria.connect("");
        exec(remote, "DROP DATABASE IF EXISTS cfg_ro", "DROP DATABASE IF EXISTS cfg_rw",
                "CREATE DATABASE cfg_ro", "CREATE DATABASE cfg_rw",
                "CREATE TABLE cfg_ro.t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO cfg_ro.t VALUES (1,'a'),(2,'b')",
                "CREATE TABLE cfg_rw.t (id INT PRIMARY KEY, v VARCHAR(10))");
        dir = Files.createTempDirectory("basalt-vdb-config-");
        Files.writeString(dir.resolve("basalt.yaml"), """
                remote-databases:
                  - name: reports
                    host: 127.0.0.1
                    port: %d
                    database: cfg_ro
                    user: root
                    password: %s
                    read-only: true
                  - name: shop
                    host: 127.0.0.1
                    port: %d
                    database: cfg_rw
                    user: root
                    password-env: SHOP_PW
                    pool-size: 2
                    connect-timeout: 5
                """.formatted(maria.port(), FILE_SECRET, maria.port()));
        ServerSettings s = new SettingsLoader(Map.of("SHOP_PW", ENV_SECRET), dir)
                .load(new EnumMap<>(Setting.class), null);
        assertEquals(2, s.remoteDatabases().size());
        basalt = TestServer.start(s.withStorage("lmdb").withDataDir(dir.resolve("data")).withPort(0).withRootPassword(""));
        client = basalt.connect("");
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.close();
        if (remote != null) remote.close();
        if (basalt != null) basalt.close();
        if (dir != null) TempDirs.deleteRecursively(dir);
    }

    @Test
    void configuredDatabasesAreVisibleAndQueryable() throws Exception {
        List<String> dbs = column(client, "SHOW DATABASES");
        assertTrue(dbs.contains("reports") && dbs.contains("shop"), dbs.toString());
        assertEquals(List.of(List.of("1", "a"), List.of("2", "b")), rows(client, "SELECT id, v FROM reports.t ORDER BY id"));
        try (Connection c = basalt.connect("reports")) {
            assertEquals(List.of("t"), column(c, "SHOW TABLES"));
            assertEquals(List.of("2"), column(c, "SELECT COUNT(*) FROM t"));
        }
    }

    @Test
    void writableOneTakesWrites() throws Exception {
        exec(client, "INSERT INTO shop.t VALUES (10, 'x')", "UPDATE shop.t SET v = 'y' WHERE id = 10");
        assertEquals(List.of("y"), column(remote, "SELECT v FROM cfg_rw.t WHERE id = 10"));
        exec(client, "DELETE FROM shop.t WHERE id = 10");
        assertEquals(List.of(), column(remote, "SELECT v FROM cfg_rw.t WHERE id = 10"));
    }

    @Test
    void readOnlyRefusesWritesAndDdlWith1036() throws Exception {
        List<List<String>> before = rows(remote, "SELECT * FROM cfg_ro.t ORDER BY id");
        List<String> tablesBefore = column(remote, "SHOW TABLES FROM cfg_ro");
        for (String sql : List.of("INSERT INTO reports.t VALUES (3,'c')", "UPDATE reports.t SET v = 'z'",
                "DELETE FROM reports.t", "CREATE TABLE reports.u (id INT)", "DROP TABLE reports.t",
                "TRUNCATE TABLE reports.t", "INSERT INTO reports.t SELECT id + 10, v FROM shop.t")) {
            SQLException e = assertThrows(SQLException.class, () -> exec(client, sql), sql);
            assertEquals(1036, e.getErrorCode(), sql + ": " + e.getMessage());
            assertEquals("HY000", e.getSQLState(), sql);
        }
        assertEquals(before, rows(remote, "SELECT * FROM cfg_ro.t ORDER BY id"));
        assertEquals(tablesBefore, column(remote, "SHOW TABLES FROM cfg_ro"));
    }

    @Test
    void dropDatabaseOfAConfiguredOneIsRefused() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> exec(client, "DROP DATABASE shop"));
        assertEquals(1290, e.getErrorCode(), e.getMessage());
        assertTrue(e.getMessage().contains("remote-databases"), e.getMessage());
        assertTrue(column(client, "SHOW DATABASES").contains("shop"));
    }

    @Test
    void passwordsAreNeitherShownNorStored() throws Exception {
        for (String sql : List.of("SHOW DATABASES", "SHOW CREATE DATABASE reports", "SHOW CREATE DATABASE shop",
                "SELECT * FROM information_schema.SCHEMATA")) {
            String all = rows(client, sql).toString();
            assertFalse(all.contains(FILE_SECRET) || all.contains(ENV_SECRET), sql + ": " + all);
        }
        boolean reference = false; // proves the search looks where the catalog is
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(FILE_SECRET) || bytes.contains(ENV_SECRET), "a password is in " + f);
                reference |= bytes.contains("config1\nreports");
            }
        }
        assertTrue(reference, "the catalog holds the reference to the configured database");
    }
}
