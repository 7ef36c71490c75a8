package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Passthrough with the result cache, where the event loop answers hits (Basalt_remote_cache_loop_hits
 * counts them): a hit answered on the loop is invalidated by a write through Basalt before the next
 * read, whichever client wrote and whether the write itself went over the loop or a thread; and a
 * session inside a transaction that wrote is never answered from the cache.
 */
@Timeout(120)
class PassthroughCacheLoopTest {
    private static final String DB = "pcl";
    /** Long: no entry may expire during a test, so a fresh read after a write is the invalidation's doing. */
    private static final int TTL = 300;
    private static MariaDbServer maria;
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        try (Connection c = maria.connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
            s.execute("CREATE DATABASE " + DB);
            s.execute("USE " + DB);
            for (String t : new String[] {"hot", "tx", "other"}) {
                s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v BIGINT) ENGINE=InnoDB");
                s.execute("INSERT INTO " + t + " VALUES (1, 10), (2, 20)");
            }
        }
        basalt = Remote.basalt(maria, 64L << 20, TTL);
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
    }

    private static long status(String name) throws SQLException {
        return Remote.cacheStatus(basalt).get(name);
    }

    private static long readLong(Connection c, String sql, boolean prepared) throws SQLException {
        try (Statement s = prepared ? null : c.createStatement();
             PreparedStatement ps = prepared ? c.prepareStatement(sql) : null;
             ResultSet rs = prepared ? ps.executeQuery() : s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    /** Reads until the event loop answers the read from the cache (the schema facts load in the background). */
    private static void untilLoopHit(Connection c, String sql, boolean prepared) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long before = status("loop_hits");
            readLong(c, sql, prepared);
            if (status("loop_hits") > before) return;
            Remote.sleep(50);
        }
        throw new AssertionError("the event loop never answered " + sql + " from the cache: " + Remote.cacheStatus(basalt));
    }

    @Test
    void loopHitIsInvalidatedByAWriteOfAnotherClient() throws Exception {
        writesInvalidateLoopHits(false, false);
        writesInvalidateLoopHits(true, false);
    }

    @Test
    void loopHitIsInvalidatedByTheReadersOwnWrite() throws Exception {
        writesInvalidateLoopHits(false, true);
        writesInvalidateLoopHits(true, true);
    }

    /**
     * Rounds of: a read answered by the loop from the cache, a write through Basalt (by the reader
     * itself or another client, text or prepared), then the next read must see the write.
     */
    private void writesInvalidateLoopHits(boolean prepared, boolean ownWrite) throws Exception {
        String options = "useServerPrepStmts=" + prepared;
        String sql = "SELECT v FROM hot WHERE id = 1";
        try (Connection reader = Remote.connect(basalt, DB, options);
             Connection other = Remote.connect(basalt, DB, options);
             Connection direct = Remote.connect(maria, DB, "")) {
            Connection writer = ownWrite ? reader : other;
            for (int round = 0; round < 10; round++) {
                untilLoopHit(reader, sql, prepared);
                long expected = readLong(direct, sql, false) + 1;
                long invalidations = status("invalidations"), misses = status("misses");
                try (PreparedStatement w = writer.prepareStatement("UPDATE hot SET v = v + 1 WHERE id = ?")) {
                    w.setInt(1, 1);
                    assertEquals(1, w.executeUpdate());
                }
                assertEquals(expected, readLong(reader, sql, prepared),
                        "round " + round + (prepared ? " prepared" : " text") + (ownWrite ? ", own write" : ", other client's write"));
                // the stale entry was found and dropped (not expired): the read went to the remote
                assertTrue(status("invalidations") > invalidations || status("misses") > misses, Remote.cacheStatus(basalt).toString());
            }
        }
    }

    @Test
    void transactionThatWroteIsNotAnsweredFromTheCache() throws Exception {
        for (boolean prepared : new boolean[] {false, true}) {
            String options = "useServerPrepStmts=" + prepared;
            try (Connection c = Remote.connect(basalt, DB, options); Connection direct = Remote.connect(maria, DB, "")) {
                String txRead = "SELECT v FROM tx WHERE id = 2", otherRead = "SELECT v FROM other WHERE id = 2";
                long committed = readLong(direct, txRead, false);
                untilLoopHit(c, txRead, prepared);
                untilLoopHit(c, otherRead, prepared);
                try (Statement s = c.createStatement()) {
                    s.execute("BEGIN");
                    s.executeUpdate("UPDATE tx SET v = v + 100 WHERE id = 2");
                    Map<String, Long> before = Remote.cacheStatus(basalt);
                    for (int i = 0; i < 5; i++) {
                        // its own uncommitted write, not the cached committed value
                        assertEquals(committed + 100, readLong(c, txRead, prepared), (prepared ? "prepared" : "text") + " read " + i);
                        // a table it did not write: still not from the cache inside the transaction
                        assertEquals(20, readLong(c, otherRead, prepared));
                    }
                    Map<String, Long> after = Remote.cacheStatus(basalt);
                    assertEquals(before.get("hits"), after.get("hits"), "hits inside the transaction: " + before + " -> " + after);
                    assertEquals(before.get("loop_hits"), after.get("loop_hits"));
                    s.execute("ROLLBACK");
                }
                assertEquals(committed, readLong(c, txRead, prepared), "after ROLLBACK");
                assertEquals(committed, readLong(direct, txRead, false));
            }
        }
    }
}
