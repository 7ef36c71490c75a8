package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TcpRelay;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A gap in the binlog stream: while Basalt cannot reach the remote (a relay in between is cut), the
 * binlog file it would resume from is purged. On its return Basalt gets error 1236, counts a gap,
 * invalidates everything and follows from the current position; nothing written meanwhile is
 * hidden by an old cached result.
 */
@Timeout(180)
class PassthroughBinlogGapTest {

    @Test
    void aPurgedPositionInvalidatesEverythingAndFollowsFromTheCurrentOne() throws Exception {
        try (MariaDbServer maria = Remote.ownMariaDbWithBinlog(); TcpRelay relay = new TcpRelay(maria)) {
            Remote.exec(maria, "", "CREATE DATABASE pg", "CREATE TABLE pg.t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB",
                    "INSERT INTO pg.t VALUES (1, 1)");
            try (TestServer basalt = PassthroughBinlogCacheTest.basaltFollowing(relay, 4545)) {
                String sql = "SELECT v FROM t WHERE id = 1";
                Binlogs.awaitConnected(basalt);
                try (Connection c = Remote.connect(basalt, "pg", "")) {
                    assertTrue(Binlogs.cachedAfterRetries(basalt, c, sql));
                }
                relay.pause();
                // the remote's dump thread goes when it notices the closed socket (at its next heartbeat)
                assertTrue(Remote.await(20, () -> Remote.unchecked(() -> dumpThreads(maria) == 0)));
                Remote.exec(maria, "", "UPDATE pg.t SET v = 2 WHERE id = 1", "FLUSH BINARY LOGS");
                // MariaDB keeps a file until its binlog checkpoint has passed it: purge until it is gone
                assertTrue(Remote.await(20, () -> Remote.unchecked(() -> {
                    purgeAllButCurrent(maria);
                    return firstBinlog(maria).compareTo("binlog.000001") > 0;
                })), "binlog.000001 was never purged: " + purgeAllButCurrent(maria));
                relay.resume();
                assertTrue(Remote.await(30, () -> Remote.unchecked(() -> Binlogs.status(basalt).get("gaps") > 0)),
                        "no gap counted: " + Binlogs.status(basalt));
                Binlogs.awaitConnected(basalt);
                try (Connection c = Remote.connect(basalt, "pg", "")) {
                    assertEquals(2, Remote.scalarLong(c, sql)); // the write made during the gap
                    assertTrue(Binlogs.cachedAfterRetries(basalt, c, sql));
                    Remote.exec(maria, "", "UPDATE pg.t SET v = 3 WHERE id = 1");
                    assertTrue(Binlogs.shows(c, sql, 3), "direct writes no longer invalidate after the gap");
                }
            }
        }
    }

    /** PURGE BINARY LOGS TO the current file; returns its warnings. */
    private static String purgeAllButCurrent(MariaDbServer maria) throws Exception {
        try (Connection c = maria.connect(""); var s = c.createStatement()) {
            String current;
            try (var rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                current = rs.getString(1);
            }
            s.execute("PURGE BINARY LOGS TO '" + current + "'");
            StringBuilder w = new StringBuilder(current + ":");
            try (var rs = s.executeQuery("SHOW WARNINGS")) {
                while (rs.next()) w.append(' ').append(rs.getString(3));
            }
            return w.toString();
        }
    }

    private static String firstBinlog(MariaDbServer maria) throws Exception {
        try (Connection c = maria.connect(""); var s = c.createStatement(); var rs = s.executeQuery("SHOW BINARY LOGS")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long dumpThreads(MariaDbServer maria) throws Exception {
        try (Connection c = maria.connect("")) {
            return Remote.scalarLong(c, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump'");
        }
    }
}
