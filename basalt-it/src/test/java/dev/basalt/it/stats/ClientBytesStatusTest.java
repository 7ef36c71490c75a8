package dev.basalt.it.stats;

import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes_received / Bytes_sent in SHOW STATUS, as MySQL counts them: the client's packets, headers
 * included; SESSION for this connection, GLOBAL for all since start (closed connections too).
 */
@Timeout(60)
class ClientBytesStatusTest {

    @Test
    void sessionAndGlobalCountTheClientsPackets() throws Exception {
        try (TestServer basalt = TestServer.memory()) {
            String url = "jdbc:mariadb://127.0.0.1:" + basalt.port() + "/";
            long globalBefore;
            try (Connection first = DriverManager.getConnection(url, "root", "")) {
                globalBefore = status(first, "GLOBAL", "Bytes_sent");
                try (Statement st = first.createStatement(); ResultSet rs = st.executeQuery("SELECT REPEAT('x', 100000)")) {
                    assertTrue(rs.next());
                }
            }
            try (Connection c = DriverManager.getConnection(url, "root", "")) {
                assertTrue(status(c, "GLOBAL", "Bytes_sent") - globalBefore >= 100_000, "a closed connection's bytes stay counted");
                long sent = status(c, "SESSION", "Bytes_sent"), received = status(c, "SESSION", "Bytes_received");
                String sql = "SELECT REPEAT('y', 50000)";
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    assertTrue(rs.next());
                    assertEquals(50_000, rs.getString(1).length());
                }
                long movedOut = status(c, "SESSION", "Bytes_sent") - sent;
                long movedIn = status(c, "SESSION", "Bytes_received") - received;
                // the 50,000-byte row plus metadata and the previous SHOW's answer; the SELECT's packet and the SHOW's
                assertTrue(movedOut >= 50_000 && movedOut < 52_000, "Bytes_sent grew by " + movedOut);
                assertTrue(movedIn >= sql.length() + 5 && movedIn < 200, "Bytes_received grew by " + movedIn);
                assertTrue(status(c, "GLOBAL", "Bytes_sent") >= status(c, "SESSION", "Bytes_sent"));
            }
        }
    }

    private static long status(Connection c, String scope, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + scope + " STATUS LIKE '" + name + "'")) {
            assertTrue(rs.next(), name);
            return rs.getLong(2);
        }
    }
}
