package dev.basalt.mysql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.*;

/** MySQL Connector/J: its connect-time variable query, typed results, multi-statements, errors. */
class MySqlConnectorTest {
    static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture("caching_sha2_password");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Connection connect(String extra) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + fixture.port()
                + "/test?user=alice&password=secret&sslMode=DISABLED" + extra);
    }

    @Test
    void typedResultSet() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT * FROM people");
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(Types.INTEGER, md.getColumnType(1));
            assertEquals(Types.VARCHAR, md.getColumnType(2));
            assertEquals(Types.DECIMAL, md.getColumnType(3));
            assertEquals(Types.DATE, md.getColumnType(4));
            assertEquals(Types.LONGVARBINARY, md.getColumnType(5));
            assertEquals(Types.DOUBLE, md.getColumnType(6));
            assertTrue(md.isAutoIncrement(1));
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("Ada", rs.getString(2));
            assertEquals(new BigDecimal("12.50"), rs.getBigDecimal(3));
            assertEquals(LocalDate.of(1815, 12, 10), rs.getObject(4, LocalDate.class));
            assertArrayEquals(new byte[] {1, 2, (byte) 0xFB}, rs.getBytes(5));
            assertTrue(rs.next());
            assertEquals("Grace Hopper ✓", rs.getString(2));
            assertNull(rs.getObject(3));
            assertTrue(rs.next());
            assertFalse(rs.next());
        }
    }

    @Test
    void multiStatements() throws Exception {
        try (Connection c = connect("&allowMultiQueries=true"); Statement s = c.createStatement()) {
            assertFalse(s.execute("INSERT INTO t VALUES (1); SELECT 'x'; SELECT 1"));
            assertEquals(3, s.getUpdateCount());
            assertTrue(s.getMoreResults());
            ResultSet rs = s.getResultSet();
            assertTrue(rs.next());
            assertEquals("x", rs.getString(1));
            assertTrue(s.getMoreResults());
            rs = s.getResultSet();
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
        }
    }

    @Test
    void errorsCarryNumberAndState() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM missing"));
            assertEquals(1146, e.getErrorCode());
            assertEquals("42S02", e.getSQLState());
            assertEquals("Table 'test.missing' doesn't exist", e.getMessage());
            SQLException boom = assertThrows(SQLException.class, () -> s.execute("BOOM"));
            assertEquals(1105, boom.getErrorCode());
            ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()");
            assertTrue(rs.next());
            assertTrue(rs.getLong(1) >= 1);
        }
    }

    @Test
    void warningsAreCountedAndFetchable() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertEquals(3, s.executeUpdate("INSERT INTO t VALUES (1) /* warn */"));
            // The driver asks SHOW WARNINGS because the OK packet said there was one; ours returns none.
            assertNull(s.getWarnings());
        }
    }

    @Test
    void unknownDatabase() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + fixture.port() + "/nosuchdb?user=root&sslMode=DISABLED").close());
        assertEquals(1049, e.getErrorCode());
    }

    @Test
    void changeUserReauthenticates() throws Exception {
        try (Connection c = connect("")) {
            ((com.mysql.cj.jdbc.JdbcConnection) c).changeUser("bob", "pässwörd-🔑");
            try (Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT USER()");
                assertTrue(rs.next());
                assertEquals("bob@127.0.0.1", rs.getString(1));
            }
            SQLException e = assertThrows(SQLException.class,
                    () -> ((com.mysql.cj.jdbc.JdbcConnection) c).changeUser("alice", "wrong"));
            assertEquals(1045, e.getErrorCode(), e.toString());
        }
    }

    @Test
    void pingAndResetWork() throws Exception {
        try (Connection c = connect("")) {
            assertTrue(c.isValid(2));
            ((com.mysql.cj.jdbc.JdbcConnection) c).resetServerState();
            try (Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT 1");
                assertTrue(rs.next());
            }
        }
    }
}
