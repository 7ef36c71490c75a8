package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.MysqlTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Passthrough over the fronted server's Unix socket (--mysql-socket): statements, prepared
 * statements and multiplexing work as over TCP, the remote sees local connections, and a socket
 * that is not there is 1429.
 */
@Timeout(120)
class PassthroughSocketTest {
    private static MysqlTarget target(MariaDbServer maria, String socket) {
        return new MysqlTarget(maria.host(), maria.port(), maria.user(), maria.password(), "", 3).withSocket(socket);
    }

    @Test
    void backendsUseTheSocket() throws Exception {
        MariaDbServer maria = MariaDbFixture.require();
        for (int multiplex : new int[]{0, 2}) {
            try (TestServer basalt = Remote.basalt(target(maria, maria.socket().toString()).withMultiplex(multiplex), 0, 10);
                 Connection c = Remote.connect(basalt, "", "useServerPrepStmts=true")) {
                // MariaDB shows a TCP client's host as "127.0.0.1:port", a socket one without a port
                try (var s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()")) {
                    assertTrue(rs.next());
                    String host = rs.getString(1);
                    assertTrue(host == null || !host.contains(":"), "multiplex " + multiplex + ": " + host);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT ? * 2")) {
                    ps.setInt(1, 21);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(42, rs.getInt(1));
                    }
                }
            }
        }
    }

    @Test
    void aMissingSocketIs1429() throws Exception {
        MariaDbServer maria = MariaDbFixture.require();
        try (TestServer basalt = Remote.basalt(target(maria, "/nonexistent/mysqld.sock"), 0, 10)) {
            SQLException e = Remote.expectError(() -> Remote.connect(basalt, "", "").close());
            assertEquals(1429, e.getErrorCode(), e.getMessage());
            assertTrue(e.getMessage().contains("/nonexistent/mysqld.sock"), e.getMessage());
        }
    }
}
