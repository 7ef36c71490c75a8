package dev.basalt.mysql;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.*;

/** Queries and rows beyond one 16 MB packet, and beyond max_allowed_packet, through real drivers. */
class LargePacketTest {
    static final int SIXTEEN_MB = 0xFFFFFF;

    static String bigLiteral(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append((char) ('a' + i % 26));
        return sb.toString();
    }

    @Test
    void queriesAndRowsLargerThanOnePacketRoundTrip() throws Exception {
        try (ServerFixture f = new ServerFixture("mysql_native_password", 64L * 1024 * 1024, true)) {
            String literal = bigLiteral(SIXTEEN_MB + 1000);
            for (String driver : new String[] {"mariadb", "mysql"}) {
                String url = "jdbc:" + driver + "://127.0.0.1:" + f.port() + "/test?user=root"
                        + (driver.equals("mysql") ? "&sslMode=DISABLED&maxAllowedPacket=67108864" : "");
                try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                    ResultSet rs = s.executeQuery("SELECT '" + literal + "'");
                    assertTrue(rs.next());
                    String back = rs.getString(1);
                    assertEquals(literal.length(), back.length(), driver);
                    assertEquals(literal, back, driver);
                    // The connection stays in step after split packets in both directions.
                    rs = s.executeQuery("SELECT 1");
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                }
            }
        }
    }

    @Test
    void packetAboveTheLimitFailsThatConnectionOnly() throws Exception {
        try (ServerFixture f = new ServerFixture("mysql_native_password", 1024 * 1024, true)) {
            String url = "jdbc:mariadb://127.0.0.1:" + f.port() + "/test?user=root";
            try (Connection other = DriverManager.getConnection(url);
                 Connection victim = DriverManager.getConnection(url)) {
                String tooBig = "SELECT '" + bigLiteral(2 * 1024 * 1024) + "'";
                SQLException e = assertThrows(SQLException.class, () -> victim.createStatement().executeQuery(tooBig));
                assertEquals(1153, e.getErrorCode(), e.toString());
                assertTrue(e.getMessage().contains("Got a packet bigger than 'max_allowed_packet' bytes"), e.getMessage());
                try (Statement s = other.createStatement()) {
                    ResultSet rs = s.executeQuery("SELECT 1");
                    assertTrue(rs.next());
                }
            }
            try (Connection fresh = DriverManager.getConnection(url); Statement s = fresh.createStatement()) {
                assertTrue(s.executeQuery("SELECT 1").next());
            }
        }
    }
}
