package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.MysqlTarget;
import dev.basalt.server.RemoteCacheSettings;
import dev.basalt.server.ServerSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Binlog invalidation ({@code remote-cache-invalidation: binlog}): writes made directly on MariaDB,
 * not through Basalt, invalidate the passthrough cache once their binlog event arrives. The TTL is
 * an hour, so nothing here can pass by expiry.
 */
@Timeout(180)
class PassthroughBinlogCacheTest {
    private static final String DB = "pb";
    /** Bound on how long a direct write may take to reach the cache (the replication lag, locally milliseconds). */
    private static final double ARRIVAL_SECONDS = 10;
    private static MariaDbServer maria;
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        maria = Remote.ownMariaDbWithBinlog();
        direct("CREATE DATABASE " + DB, "USE " + DB,
                "CREATE TABLE t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB", "INSERT INTO t VALUES (1, 10), (2, 20)",
                "CREATE TABLE ddl (id INT PRIMARY KEY) ENGINE=InnoDB", "INSERT INTO ddl VALUES (1)",
                "CREATE TABLE kept (id INT PRIMARY KEY, v INT) ENGINE=InnoDB", "INSERT INTO kept VALUES (1, 1)",
                "CREATE TABLE gone (id INT PRIMARY KEY, v INT) ENGINE=InnoDB", "INSERT INTO gone VALUES (1, 1)");
        basalt = basaltFollowing(maria, 4242);
        try (Connection c = Remote.connect(basalt, DB, "")) {
            assertTrue(Remote.await(30, () -> Remote.unchecked(() -> binlog().get("connected") == 1)),
                    "binlog stream never connected: " + Remote.unchecked(PassthroughBinlogCacheTest::binlog));
            assertTrue(cachedAfterRetries(c, "SELECT v FROM kept WHERE id = 1"), "cache never served a hit");
        }
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
        if (maria != null) maria.close();
    }

    static TestServer basaltFollowing(dev.basalt.it.support.Endpoint remote, long serverId) throws java.io.IOException {
        MysqlTarget target = MysqlTarget.of(remote.host(), remote.port(), remote.user(), remote.password());
        RemoteCacheSettings cache = new RemoteCacheSettings(64L << 20, 3600)
                .withBinlog(new RemoteCacheSettings.BinlogInvalidation("", "", serverId));
        return TestServer.start(ServerSettings.defaults().withPort(0).withRootPassword("").withMysql(target).withRemoteCache(cache));
    }

    @Test
    void aDirectUpdateIsSeenThroughTheCache() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            String sql = "SELECT v FROM t WHERE id = 1";
            assertTrue(cachedAfterRetries(c, sql));
            long invalidations = binlog().get("invalidations");
            direct("UPDATE " + DB + ".t SET v = v + 1 WHERE id = 1");
            long expected = directLong(sql);
            assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> Remote.scalarLong(c, sql) == expected)),
                    "the cached result outlived a direct write: " + binlog());
            assertTrue(binlog().get("invalidations") > invalidations);
            // and it is cached again afterwards
            assertTrue(cachedAfterRetries(c, sql));
            assertEquals(expected, Remote.scalarLong(c, sql));
        }
    }

    @Test
    void readsAfterTheEventArrivedNeverSeeTheOldRow() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            String sql = "SELECT COUNT(*) FROM t";
            for (int i = 0; i < 20; i++) {
                assertTrue(cachedAfterRetries(c, sql));
                long events = binlog().get("events");
                direct("INSERT INTO " + DB + ".t VALUES (" + (100 + i) + ", 0)");
                long expected = directLong(sql);
                // the INSERT's events (GTID, map, rows, commit) have arrived once the count moved by four
                assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> binlog().get("events") >= events + 4)));
                assertEquals(expected, Remote.scalarLong(c, sql), "stale cached count after the event arrived, round " + i);
            }
        }
    }

    @Test
    void directDdlInvalidates() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            String sql = "SELECT * FROM ddl";
            assertTrue(cachedAfterRetries(c, sql));
            direct("ALTER TABLE " + DB + ".ddl ADD COLUMN extra INT DEFAULT 7");
            assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> columns(c, sql) == 2)),
                    "the cached result kept the old columns after a direct ALTER TABLE");
            direct("DROP TABLE " + DB + ".gone", "CREATE TABLE " + DB + ".gone (id INT PRIMARY KEY, v INT)",
                    "INSERT INTO " + DB + ".gone VALUES (1, 99)");
            String gone = "SELECT v FROM gone WHERE id = 1";
            assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> Remote.scalarLong(c, gone) == 99)));
        }
    }

    @Test
    void killedStreamServesNothingStaleAndResumes() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            String sql = "SELECT v FROM t WHERE id = 2";
            assertTrue(cachedAfterRetries(c, sql));
            long reconnects = binlog().get("reconnects");
            long dumpThread = directLong("SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump'");
            direct("KILL " + dumpThread);
            assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> binlog().get("reconnects") > reconnects)),
                    "Basalt did not notice its replication connection was killed");
            // written while the stream is down or resuming: never hidden by an entry cached before
            direct("UPDATE " + DB + ".t SET v = 2000 WHERE id = 2");
            assertEquals(2000, Remote.scalarLong(c, sql));
            assertTrue(Remote.await(30, () -> Remote.unchecked(() -> binlog().get("connected") == 1)), "never reconnected");
            // resumed: caching works again, and direct writes invalidate again
            assertTrue(cachedAfterRetries(c, sql));
            direct("UPDATE " + DB + ".t SET v = 2001 WHERE id = 2");
            assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> Remote.scalarLong(c, sql) == 2001)),
                    "direct writes no longer invalidate after the reconnect: " + binlog());
        }
    }

    @Test
    void unchangedTablesKeepTheirHitsUnderDirectWrites() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, ""); Connection w = maria.connect(DB); Statement ws = w.createStatement()) {
            String sql = "SELECT v FROM kept WHERE id = 1";
            assertTrue(cachedAfterRetries(c, sql));
            long hits = Remote.cacheStatus(basalt).get("hits");
            int reads = 300;
            for (int i = 0; i < reads; i++) {
                if (i % 3 == 0) ws.execute("UPDATE t SET v = v + 1 WHERE id = 1"); // another table keeps changing
                assertEquals(1, Remote.scalarLong(c, sql));
            }
            long served = Remote.cacheStatus(basalt).get("hits") - hits;
            assertTrue(served >= reads * 9 / 10, "only " + served + " of " + reads + " reads were hits: " + binlog());
        }
    }

    static Map<String, Long> binlog() throws SQLException { return binlog(basalt); }

    /** Basalt_remote_cache_binlog_* without the prefix. */
    static Map<String, Long> binlog(TestServer basalt) throws SQLException {
        Map<String, Long> all = Remote.cacheStatus(basalt);
        Map<String, Long> m = new java.util.HashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith("binlog_")) m.put(k.substring("binlog_".length()), v);
        });
        return m;
    }

    static boolean cachedAfterRetries(Connection c, String sql) { return cachedAfterRetries(basalt, c, sql); }

    /** Reads until a read is a cache hit (hits grow), for at most 20 seconds. */
    static boolean cachedAfterRetries(TestServer basalt, Connection c, String sql) {
        return Remote.await(20, () -> Remote.unchecked(() -> {
            long before = Remote.cacheStatus(basalt).get("hits");
            Remote.scalarLong(c, sql);
            return Remote.cacheStatus(basalt).get("hits") > before;
        }));
    }

    private static int columns(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.getMetaData().getColumnCount();
        }
    }

    private static void direct(String... sql) throws SQLException {
        Remote.exec(maria, "", sql);
    }

    private static long directLong(String sql) throws SQLException {
        try (Connection c = Remote.connect(maria, DB, "")) {
            return Remote.scalarLong(c, sql);
        }
    }
}
