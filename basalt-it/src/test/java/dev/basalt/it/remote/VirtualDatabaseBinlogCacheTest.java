package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.RemoteCacheSettings;
import dev.basalt.server.RemoteDatabaseEntry;
import dev.basalt.server.ServerSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final double ARRIVAL_SECONDS = 10;
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
        assertTrue(Remote.await(30, () -> Remote.unchecked(() -> binlog().get("connected") == 1)), "never connected: " + binlog());
        try (Connection c = basalt.connect("")) {
            assertTrue(cachedAfterRetries(c, "SELECT v FROM followed.r WHERE id = 1"), "the cache never served a hit");
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
                assertTrue(cachedAfterRetries(c, sql), db);
                direct("UPDATE vb.t SET v = v + 1 WHERE id = 1");
                long expected = directLong("SELECT v FROM vb.t WHERE id = 1");
                assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> Remote.scalarLong(c, sql) == expected)),
                        db + ": the cached result outlived a direct write: " + binlog());
            }
        }
    }

    @Test
    void directTruncateAndRecreateInvalidate() throws Exception {
        try (Connection c = basalt.connect("")) {
            direct("CREATE TABLE vb.d (id INT PRIMARY KEY, v INT)", "INSERT INTO vb.d VALUES (1, 5), (2, 6)");
            String sql = "SELECT COUNT(*) FROM followed.d";
            assertTrue(cachedAfterRetries(c, sql));
            direct("TRUNCATE TABLE vb.d");
            assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> Remote.scalarLong(c, sql) == 0)));
            assertTrue(cachedAfterRetries(c, sql));
            direct("DROP TABLE vb.d", "CREATE TABLE vb.d (id INT PRIMARY KEY, v INT)", "INSERT INTO vb.d VALUES (9, 9)");
            assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> Remote.scalarLong(c, sql) == 1)));
        }
    }

    @Test
    void killedStreamServesNothingStaleAndResumes() throws Exception {
        try (Connection c = basalt.connect("")) {
            String sql = "SELECT v FROM followed.t WHERE id = 2";
            assertTrue(cachedAfterRetries(c, sql));
            long reconnects = binlog().get("reconnects");
            direct("KILL " + directLong("SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump'"));
            assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> binlog().get("reconnects") > reconnects)));
            direct("UPDATE vb.t SET v = 3000 WHERE id = 2");
            assertEquals(3000, Remote.scalarLong(c, sql));
            assertTrue(Remote.await(30, () -> Remote.unchecked(() -> binlog().get("connected") == 1)), "never reconnected");
            assertTrue(cachedAfterRetries(c, sql));
            direct("UPDATE vb.t SET v = 3001 WHERE id = 2");
            assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> Remote.scalarLong(c, sql) == 3001)));
        }
    }

    static Map<String, Long> binlog() throws SQLException {
        Map<String, Long> m = new HashMap<>();
        Remote.cacheStatus(basalt).forEach((k, v) -> {
            if (k.startsWith("binlog_")) m.put(k.substring("binlog_".length()), v);
        });
        return m;
    }

    static boolean cachedAfterRetries(Connection c, String sql) {
        return Remote.await(20, () -> Remote.unchecked(() -> {
            long before = Remote.cacheStatus(basalt).get("hits");
            Remote.scalarLong(c, sql);
            return Remote.cacheStatus(basalt).get("hits") > before;
        }));
    }

    private static void direct(String... sql) throws SQLException {
        Remote.exec(maria, "", sql);
    }

    private static long directLong(String sql) throws SQLException {
        try (Connection c = Remote.connect(maria, "", "")) {
            return Remote.scalarLong(c, sql);
        }
    }
}
