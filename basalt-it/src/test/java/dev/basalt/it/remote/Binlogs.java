package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Shared steps of the binlog invalidation tests (passthrough and virtual databases). */
final class Binlogs {
    /** Bound on how long a direct write may take to reach the cache (the replication lag; locally milliseconds). */
    static final double ARRIVAL_SECONDS = 10;

    private Binlogs() {}

    /** Basalt_remote_cache_binlog_* without the prefix. */
    static Map<String, Long> status(TestServer basalt) throws SQLException {
        Map<String, Long> m = new HashMap<>();
        Remote.cacheStatus(basalt).forEach((k, v) -> {
            if (k.startsWith("binlog_")) m.put(k.substring("binlog_".length()), v);
        });
        return m;
    }

    static void awaitConnected(TestServer basalt) throws SQLException {
        assertTrue(Remote.await(30, () -> Remote.unchecked(() -> status(basalt).get("connected") == 1)),
                "the binlog stream is not (back) up: " + status(basalt));
    }

    /** Reads until a read is a cache hit (hits grow), for at most 20 seconds. */
    static boolean cachedAfterRetries(TestServer basalt, Connection c, String sql) {
        return Remote.await(20, () -> Remote.unchecked(() -> {
            long before = Remote.cacheStatus(basalt).get("hits");
            Remote.scalarLong(c, sql);
            return Remote.cacheStatus(basalt).get("hits") > before;
        }));
    }

    /** True once {@code sql} through Basalt answers {@code expected}, within {@link #ARRIVAL_SECONDS}. */
    static boolean shows(Connection c, String sql, long expected) {
        return Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> Remote.scalarLong(c, sql) == expected));
    }

    /**
     * Kills Basalt's replication connection on MariaDB; a direct write made meanwhile is seen at once
     * (no stale hit), and once the stream is back reads are cached and direct writes invalidate again.
     *
     * @param sql   reads column v of row 2 of {@code table} through Basalt
     * @param table the remote table, qualified, as a direct connection names it
     */
    static void killedStreamServesNothingStaleAndResumes(TestServer basalt, MariaDbServer maria, Connection c, String sql,
                                                         String table) throws SQLException {
        assertTrue(cachedAfterRetries(basalt, c, sql));
        long reconnects = status(basalt).get("reconnects");
        Remote.exec(maria, "", "KILL " + directLong(maria, "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump'"));
        assertTrue(Remote.await(ARRIVAL_SECONDS, () -> Remote.unchecked(() -> status(basalt).get("reconnects") > reconnects)),
                "Basalt did not notice its replication connection was killed");
        // written while the stream is down or resuming: never hidden by an entry cached before
        Remote.exec(maria, "", "UPDATE " + table + " SET v = 2000 WHERE id = 2");
        assertEquals(2000, Remote.scalarLong(c, sql));
        awaitConnected(basalt);
        assertTrue(cachedAfterRetries(basalt, c, sql));
        Remote.exec(maria, "", "UPDATE " + table + " SET v = 2001 WHERE id = 2");
        assertTrue(shows(c, sql, 2001), "direct writes no longer invalidate after the reconnect: " + status(basalt));
    }

    static long directLong(Endpoint maria, String sql) throws SQLException {
        try (Connection c = Remote.connect(maria, "", "")) {
            return Remote.scalarLong(c, sql);
        }
    }
}
