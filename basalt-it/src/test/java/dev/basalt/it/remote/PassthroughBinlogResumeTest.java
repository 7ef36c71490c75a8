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
 * The binlog stream is down for a while (a relay in between is cut, so it cannot reconnect at
 * once, unlike after a KILL) and a write is made directly on the remote meanwhile. Once the stream
 * is back, the result cached before the cut must not be served: the stream resumes from its last
 * position (the write arrives as an event) and reconnecting drops every entry anyway. Without both
 * the first read after the return would be the stale cached row.
 */
@Timeout(180)
class PassthroughBinlogResumeTest {

    @Test
    void aWriteMadeWhileTheStreamWasDownIsNeverHiddenByAnOlderEntry() throws Exception {
        try (MariaDbServer maria = Remote.ownMariaDbWithBinlog(); TcpRelay relay = new TcpRelay(maria)) {
            Remote.exec(maria, "", "CREATE DATABASE pr", "CREATE TABLE pr.t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB",
                    "INSERT INTO pr.t VALUES (1, 1)");
            try (TestServer basalt = PassthroughBinlogCacheTest.basaltFollowing(relay, 4646)) {
                String sql = "SELECT v FROM t WHERE id = 1";
                Binlogs.awaitConnected(basalt);
                try (Connection c = Remote.connect(basalt, "pr", "")) {
                    assertTrue(Binlogs.cachedAfterRetries(basalt, c, sql));
                }
                relay.pause();
                // (Basalt cannot be asked: its status comes from the remote, out of reach.) The remote's
                // dump thread goes when it notices the closed socket, at its next heartbeat.
                assertTrue(Remote.await(20, () -> Remote.unchecked(() -> Binlogs.directLong(maria,
                        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump'") == 0)));
                Remote.exec(maria, "", "UPDATE pr.t SET v = 2 WHERE id = 1");
                relay.resume();
                Binlogs.awaitConnected(basalt);
                assertEquals(0, Binlogs.status(basalt).get("gaps"), "the position was still there: no gap");
                try (Connection c = Remote.connect(basalt, "pr", "")) {
                    // the first read once the cache may serve again: never the row cached before the cut
                    assertEquals(2, Remote.scalarLong(c, sql), "stale row after the stream came back: " + Binlogs.status(basalt));
                    assertTrue(Binlogs.cachedAfterRetries(basalt, c, sql));
                    Remote.exec(maria, "", "UPDATE pr.t SET v = 3 WHERE id = 1");
                    assertTrue(Binlogs.shows(c, sql, 3), "direct writes no longer invalidate after the return");
                }
            }
        }
    }
}
