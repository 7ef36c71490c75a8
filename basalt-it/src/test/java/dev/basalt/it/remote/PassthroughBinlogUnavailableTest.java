package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Binlog invalidation asked for on a remote that writes no binary log: the stream never comes up,
 * so the cache is bypassed (and counted) for every read, never served: a direct write is seen at once.
 */
@Timeout(120)
class PassthroughBinlogUnavailableTest {

    @Test
    void withoutAStreamEveryReadBypassesTheCache() throws Exception {
        MariaDbServer maria = MariaDbFixture.require(); // started with --skip-log-bin
        Remote.exec(maria, "", "DROP DATABASE IF EXISTS pbu", "CREATE DATABASE pbu",
                "CREATE TABLE pbu.t (id INT PRIMARY KEY, v INT)", "INSERT INTO pbu.t VALUES (1, 1)");
        try (TestServer basalt = PassthroughBinlogCacheTest.basaltFollowing(maria, 4444);
             Connection c = Remote.connect(basalt, "pbu", "")) {
            for (int i = 0; i < 20; i++) {
                Remote.exec(maria, "pbu", "UPDATE t SET v = " + i);
                assertEquals(i, Remote.scalarLong(c, "SELECT v FROM t WHERE id = 1"));
            }
            Map<String, Long> status = Remote.cacheStatus(basalt);
            assertEquals(0, status.get("hits"), status.toString());
            assertEquals(0, status.get("binlog_connected"), status.toString());
            assertTrue(status.get("binlog_bypasses") > 0, status.toString());
        }
    }
}
