package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.RemoteCacheSettings;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The replication account docs/remote.md asks for, on a MariaDB that checks privileges: REPLICATION
 * SLAVE and REPLICATION CLIENT (BINLOG MONITOR) together let Basalt follow the binlog; without either
 * the stream never comes up and every read bypasses the cache (never stale).
 */
@Timeout(180)
class PassthroughBinlogPrivilegesTest {
    private static MariaDbServer maria;

    @BeforeAll
    static void start() throws Exception {
        maria = Remote.ownMariaDbWithBinlogAndGrants();
        Remote.exec(maria, "", "CREATE DATABASE pp", "CREATE TABLE pp.t (id INT PRIMARY KEY, v INT)", "INSERT INTO pp.t VALUES (1, 0)",
                "CREATE USER repl@'%' IDENTIFIED BY 'r1'", "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO repl@'%'",
                "CREATE USER onlyclient@'%' IDENTIFIED BY 'r2'", "GRANT REPLICATION CLIENT ON *.* TO onlyclient@'%'",
                "CREATE USER onlyslave@'%' IDENTIFIED BY 'r3'", "GRANT REPLICATION SLAVE ON *.* TO onlyslave@'%'");
    }

    @AfterAll
    static void stop() {
        if (maria != null) maria.close();
    }

    @Test
    void bothGrantsFollowTheBinlog() throws Exception {
        try (TestServer basalt = PassthroughBinlogCacheTest.basaltFollowing(maria,
                new RemoteCacheSettings.BinlogInvalidation("repl", "r1", 5151));
             Connection c = Remote.connect(basalt, "pp", "")) {
            Binlogs.awaitConnected(basalt);
            String sql = "SELECT v FROM t WHERE id = 1";
            assertTrue(Binlogs.cachedAfterRetries(basalt, c, sql));
            Remote.exec(maria, "", "UPDATE pp.t SET v = 7 WHERE id = 1");
            assertTrue(Binlogs.shows(c, sql, 7), "a direct write was not seen: " + Binlogs.status(basalt));
        }
    }

    @Test
    void withoutReplicationSlaveEveryReadBypasses() throws Exception {
        bypassesAsAccount("onlyclient", "r2", 5252);
    }

    @Test
    void withoutReplicationClientEveryReadBypasses() throws Exception {
        bypassesAsAccount("onlyslave", "r3", 5353);
    }

    private static void bypassesAsAccount(String user, String password, long serverId) throws Exception {
        try (TestServer basalt = PassthroughBinlogCacheTest.basaltFollowing(maria,
                new RemoteCacheSettings.BinlogInvalidation(user, password, serverId));
             Connection c = Remote.connect(basalt, "pp", "")) {
            for (int i = 0; i < 10; i++) {
                Remote.exec(maria, "", "UPDATE pp.t SET v = " + (100 + i) + " WHERE id = 1");
                assertEquals(100 + i, Remote.scalarLong(c, "SELECT v FROM t WHERE id = 1"));
            }
            Map<String, Long> status = Remote.cacheStatus(basalt);
            assertEquals(0, status.get("hits"), status.toString());
            assertEquals(0, status.get("binlog_connected"), status.toString());
            assertTrue(status.get("binlog_bypasses") > 0, status.toString());
        }
    }
}
