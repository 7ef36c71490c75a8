package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.RemoteCacheSettings;
import dev.basalt.server.RemoteDatabaseEntry;
import dev.basalt.server.ServerSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Binlog invalidation for virtual databases ({@code cache-invalidation: binlog} on a
 * {@code remote-databases:} entry): writes made directly on MariaDB reach the cached reads of every
 * alias of that server. TTL an hour: nothing here passes by expiry.
 */
@Timeout(180)
class VirtualDatabaseBinlogCacheTest {
    private static MariaDbServer maria;
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        maria = Remote.ownMariaDbWithBinlog();
        direct("CREATE DATABASE vb", "CREATE TABLE vb.t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB",
                "INSERT INTO vb.t VALUES (1, 10), (2, 20)",
                "CREATE TABLE vb.r (id INT PRIMARY KEY, v INT) ENGINE=InnoDB", "INSERT INTO vb.r VALUES (1, 1)");
        ServerSettings s = ServerSettings.defaults().withPort(0).withRootPassword("")
                .withRemoteCache(new RemoteCacheSettings(16L << 20, 3600))
                .withRemoteDatabases(List.of(
                        entry("followed", new RemoteCacheSettings.BinlogInvalidation("", "", 4343)),
                        entry("alias", null))); // same server, no option of its own: its server's stream covers it
        basalt = TestServer.start(s);
        Binlogs.awaitConnected(basalt);
        try (Connection c = basalt.connect("")) {
            assertTrue(cached(c, "SELECT v FROM followed.r WHERE id = 1"), "the cache never served a hit");
        }
    }

    private static RemoteDatabaseEntry entry(String name, RemoteCacheSettings.BinlogInvalidation binlog) {
        return new RemoteDatabaseEntry(name, "127.0.0.1", maria.port(), "vb", "root", "", false, 4, 3, true, binlog);
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
        if (maria != null) maria.close();
    }

    @Test
    void aDirectWriteReachesEveryAliasOfTheServer() throws Exception {
        try (Connection c = basalt.connect("")) {
            for (String db : List.of("followed", "alias")) {
                String sql = "SELECT v FROM " + db + ".t WHERE id = 1";
                assertTrue(cached(c, sql), db);
                direct("UPDATE vb.t SET v = v + 1 WHERE id = 1");
                long expected = Binlogs.directLong(maria, "SELECT v FROM vb.t WHERE id = 1");
                assertTrue(Binlogs.shows(c, sql, expected), db + ": the cached result outlived a direct write: " + Binlogs.status(basalt));
            }
        }
    }

    @Test
    void directTruncateAndRecreateInvalidate() throws Exception {
        try (Connection c = basalt.connect("")) {
            direct("CREATE TABLE vb.d (id INT PRIMARY KEY, v INT)", "INSERT INTO vb.d VALUES (1, 5), (2, 6)");
            String sql = "SELECT COUNT(*) FROM followed.d";
            assertTrue(cached(c, sql));
            direct("TRUNCATE TABLE vb.d");
            assertTrue(Binlogs.shows(c, sql, 0));
            assertTrue(cached(c, sql));
            direct("DROP TABLE vb.d", "CREATE TABLE vb.d (id INT PRIMARY KEY, v INT)", "INSERT INTO vb.d VALUES (9, 9)");
            assertTrue(Binlogs.shows(c, sql, 1));
        }
    }

    @Test
    void killedStreamServesNothingStaleAndResumes() throws Exception {
        try (Connection c = basalt.connect("")) {
            Binlogs.killedStreamServesNothingStaleAndResumes(basalt, maria, c, "SELECT v FROM followed.t WHERE id = 2", "vb.t");
        }
    }

    private static boolean cached(Connection c, String sql) { return Binlogs.cachedAfterRetries(basalt, c, sql); }

    private static void direct(String... sql) throws SQLException {
        Remote.exec(maria, "", sql);
    }
}
