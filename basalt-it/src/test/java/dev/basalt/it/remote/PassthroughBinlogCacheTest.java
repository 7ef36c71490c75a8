package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.MysqlTarget;
import dev.basalt.server.RemoteCacheSettings;
import dev.basalt.server.ServerSettings;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
        Binlogs.awaitConnected(basalt);
        try (Connection c = Remote.connect(basalt, DB, "")) {
            assertTrue(cached(c, "SELECT v FROM kept WHERE id = 1"), "cache never served a hit");
        }
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
        if (maria != null) maria.close();
    }

    /** Basalt in passthrough over {@code remote} with the cache (TTL an hour) and binlog invalidation. */
    static TestServer basaltFollowing(Endpoint remote, long serverId) throws IOException {
        return basaltFollowing(remote, new RemoteCacheSettings.BinlogInvalidation("", "", serverId));
    }

    /** The same with the binlog followed as {@code binlog} says (its own account). */
    static TestServer basaltFollowing(Endpoint remote, RemoteCacheSettings.BinlogInvalidation binlog) throws IOException {
        MysqlTarget target = MysqlTarget.of(remote.host(), remote.port(), remote.user(), remote.password());
        RemoteCacheSettings cache = new RemoteCacheSettings(64L << 20, 3600).withBinlog(binlog);
        return TestServer.start(ServerSettings.defaults().withPort(0).withRootPassword("").withMysql(target).withRemoteCache(cache));
    }

    @Test
    void aDirectUpdateIsSeenThroughTheCache() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            String sql = "SELECT v FROM t WHERE id = 1";
            assertTrue(cached(c, sql));
            long invalidations = Binlogs.status(basalt).get("invalidations");
            direct("UPDATE " + DB + ".t SET v = v + 1 WHERE id = 1");
            long expected = directLong(sql);
            assertTrue(Binlogs.shows(c, sql, expected), "the cached result outlived a direct write: " + Binlogs.status(basalt));
            assertTrue(Binlogs.status(basalt).get("invalidations") > invalidations);
            // and it is cached again afterwards
            assertTrue(cached(c, sql));
            assertEquals(expected, Remote.scalarLong(c, sql));
        }
    }

    @Test
    void readsAfterTheEventArrivedNeverSeeTheOldRow() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            String sql = "SELECT COUNT(*) FROM t";
            for (int i = 0; i < 20; i++) {
                assertTrue(cached(c, sql));
                long events = Binlogs.status(basalt).get("events");
                direct("INSERT INTO " + DB + ".t VALUES (" + (100 + i) + ", 0)");
                long expected = directLong(sql);
                // the INSERT's events (GTID, map, rows, commit) have arrived once the count moved by four
                assertTrue(Remote.await(Binlogs.ARRIVAL_SECONDS,
                        () -> Remote.unchecked(() -> Binlogs.status(basalt).get("events") >= events + 4)));
                assertEquals(expected, Remote.scalarLong(c, sql), "stale cached count after the event arrived, round " + i);
            }
        }
    }

    @Test
    void directDdlInvalidates() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            String sql = "SELECT * FROM ddl";
            assertTrue(cached(c, sql));
            direct("ALTER TABLE " + DB + ".ddl ADD COLUMN extra INT DEFAULT 7");
            assertTrue(Remote.await(Binlogs.ARRIVAL_SECONDS, () -> Remote.unchecked(() -> columns(c, sql) == 2)),
                    "the cached result kept the old columns after a direct ALTER TABLE");
            direct("DROP TABLE " + DB + ".gone", "CREATE TABLE " + DB + ".gone (id INT PRIMARY KEY, v INT)",
                    "INSERT INTO " + DB + ".gone VALUES (1, 99)");
            assertTrue(Binlogs.shows(c, "SELECT v FROM gone WHERE id = 1", 99));
        }
    }

    @Test
    void killedStreamServesNothingStaleAndResumes() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, "")) {
            Binlogs.killedStreamServesNothingStaleAndResumes(basalt, maria, c, "SELECT v FROM t WHERE id = 2", DB + ".t");
        }
    }

    @Test
    void unchangedTablesKeepTheirHitsUnderDirectWrites() throws Exception {
        try (Connection c = Remote.connect(basalt, DB, ""); Connection w = maria.connect(DB); Statement ws = w.createStatement()) {
            String sql = "SELECT v FROM kept WHERE id = 1";
            assertTrue(cached(c, sql));
            long hits = Remote.cacheStatus(basalt).get("hits");
            int reads = 300;
            for (int i = 0; i < reads; i++) {
                if (i % 3 == 0) ws.execute("UPDATE t SET v = v + 1 WHERE id = 1"); // another table keeps changing
                assertEquals(1, Remote.scalarLong(c, sql));
            }
            long served = Remote.cacheStatus(basalt).get("hits") - hits;
            assertTrue(served >= reads * 9 / 10, "only " + served + " of " + reads + " reads were hits: " + Binlogs.status(basalt));
        }
    }

    private static boolean cached(Connection c, String sql) { return Binlogs.cachedAfterRetries(basalt, c, sql); }

    private static int columns(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.getMetaData().getColumnCount();
        }
    }

    private static void direct(String... sql) throws SQLException {
        Remote.exec(maria, "", sql);
    }

    /** {@code sql} run directly on MariaDB in the test's database. */
    private static long directLong(String sql) throws SQLException {
        try (Connection c = Remote.connect(maria, DB, "")) {
            return Remote.scalarLong(c, sql);
        }
    }
}
