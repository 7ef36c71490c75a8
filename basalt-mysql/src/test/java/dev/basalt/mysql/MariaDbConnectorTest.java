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

/** MariaDB Connector/J against the server, default plugin caching_sha2_password (fast path). */
class MariaDbConnectorTest {
    static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture("caching_sha2_password");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Connection connect(int port, String user, String password, String extra) throws SQLException {
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/test?user=" + user + "&password=" + password
                + (extra.isEmpty() ? "" : "&" + extra);
        return DriverManager.getConnection(url);
    }

    @Test
    void rootWithoutPasswordRunsSelectOne() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", ""); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT 1");
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertFalse(rs.next());
            rs = s.executeQuery("SELECT DATABASE()");
            assertTrue(rs.next());
            assertEquals("test", rs.getString(1));
            assertTrue(c.isValid(2), "COM_PING");
        }
    }

    @Test
    void passwordOverCachingSha2FastPath() throws Exception {
        try (Connection c = connect(fixture.port(), "alice", "secret", ""); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT USER()");
            assertTrue(rs.next());
            assertEquals("alice@127.0.0.1", rs.getString(1));
        }
    }

    @Test
    void wrongPasswordIsAccessDenied() {
        SQLException e = assertThrows(SQLException.class, () -> connect(fixture.port(), "alice", "nope", "").close());
        assertEquals(1045, e.getErrorCode());
        assertEquals("28000", e.getSQLState());
        assertTrue(e.getMessage().contains("Access denied for user 'alice'@'127.0.0.1' (using password: YES)"), e.getMessage());
    }

    @Test
    void unknownUserAndMissingPasswordAreAccessDenied() {
        SQLException e = assertThrows(SQLException.class, () -> connect(fixture.port(), "mallory", "x", "").close());
        assertEquals(1045, e.getErrorCode());
        SQLException noPw = assertThrows(SQLException.class, () -> connect(fixture.port(), "alice", "", "").close());
        assertEquals(1045, noPw.getErrorCode());
        assertTrue(noPw.getMessage().contains("(using password: NO)"), noPw.getMessage());
    }

    @Test
    void engineFailureDuringLoginIs1105() {
        SQLException e = assertThrows(SQLException.class, () -> connect(fixture.port(), "crash", "", "").close());
        assertEquals(1105, e.getErrorCode());
        assertTrue(e.getMessage().contains("user store unavailable"), e.getMessage());
    }

    @Test
    void unknownDatabaseIs1049() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + fixture.port() + "/nosuchdb?user=root").close());
        assertEquals(1049, e.getErrorCode());
        assertTrue(e.getMessage().contains("Unknown database 'nosuchdb'"), e.getMessage());
    }

    @Test
    void typedResultSetAndMetadata() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", ""); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT * FROM people");
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(6, md.getColumnCount());
            assertEquals("id", md.getColumnName(1));
            assertEquals("people", md.getTableName(1));
            assertEquals(Types.INTEGER, md.getColumnType(1));
            assertTrue(md.isAutoIncrement(1));
            assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
            assertEquals(Types.VARCHAR, md.getColumnType(2));
            assertEquals(20, md.getPrecision(2));
            assertEquals(Types.DECIMAL, md.getColumnType(3));
            assertEquals(2, md.getScale(3));
            assertEquals(Types.DATE, md.getColumnType(4));
            assertEquals(Types.DOUBLE, md.getColumnType(6));

            assertTrue(rs.next());
            assertEquals(1, rs.getInt("id"));
            assertEquals("Ada", rs.getString("name"));
            assertEquals(new BigDecimal("12.50"), rs.getBigDecimal("score"));
            assertEquals(LocalDate.of(1815, 12, 10), rs.getObject("born", LocalDate.class));
            assertArrayEquals(new byte[] {1, 2, (byte) 0xFB}, rs.getBytes("photo"));
            assertEquals(0.5, rs.getDouble("ratio"));
            assertTrue(rs.next());
            assertEquals("Grace Hopper ✓", rs.getString("name"));
            assertNull(rs.getBigDecimal("score"));
            assertNull(rs.getBytes("photo"));
            assertTrue(rs.next());
            assertEquals("", rs.getString("name"));
            assertArrayEquals(new byte[0], rs.getBytes("photo"));
            assertEquals(1e100, rs.getDouble("ratio"));
            assertFalse(rs.next());
        }
    }

    @Test
    void updateCountsAndGeneratedKeys() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", ""); Statement s = c.createStatement()) {
            assertEquals(3, s.executeUpdate("INSERT INTO t VALUES (1),(2),(3)", Statement.RETURN_GENERATED_KEYS));
            ResultSet keys = s.getGeneratedKeys();
            assertTrue(keys.next());
            assertEquals(42, keys.getLong(1));
        }
    }

    @Test
    void multiStatementResults() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", "allowMultiQueries=true"); Statement s = c.createStatement()) {
            assertTrue(s.execute("SELECT 1; INSERT INTO t VALUES (1); SELECT 'two'"));
            ResultSet rs = s.getResultSet();
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertFalse(s.getMoreResults());
            assertEquals(3, s.getUpdateCount());
            assertTrue(s.getMoreResults());
            rs = s.getResultSet();
            assertTrue(rs.next());
            assertEquals("two", rs.getString(1));
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
        }
    }

    @Test
    void errorEndsMultiStatementChainButNotTheConnection() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", "allowMultiQueries=true"); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> {
                s.execute("SELECT 1; SELECT * FROM missing; SELECT 2");
                while (s.getMoreResults() || s.getUpdateCount() != -1) {
                    // drain until the error surfaces
                }
            });
            assertEquals(1146, e.getErrorCode());
            ResultSet rs = s.executeQuery("SELECT 'still here'");
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
        }
    }

    @Test
    void withoutMultiStatementsASecondStatementIsASyntaxError() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", ""); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SELECT 1; SELECT 2"));
            assertEquals(1064, e.getErrorCode());
            assertEquals("42000", e.getSQLState());
        }
    }

    @Test
    void engineBugBecomes1105AndConnectionSurvives() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", ""); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("BOOM"));
            assertEquals(1105, e.getErrorCode());
            assertEquals("HY000", e.getSQLState());
            assertTrue(e.getMessage().contains("kaboom"), e.getMessage());
            ResultSet rs = s.executeQuery("SELECT 1");
            assertTrue(rs.next());
        }
    }

    @Test
    void cursorFailureMidResultIsReported() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", ""); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> {
                ResultSet rs = s.executeQuery("SELECT * FROM people_broken");
                while (rs.next()) {
                    rs.getString(1);
                }
            });
            assertEquals(1317, e.getErrorCode());
            ResultSet rs = s.executeQuery("SELECT 1");
            assertTrue(rs.next());
        }
    }

    @Test
    void useDatabaseViaSetCatalog() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", "")) {
            c.setCatalog("mysql");
            assertEquals("mysql", c.getCatalog());
            try (Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT DATABASE()");
                assertTrue(rs.next());
                assertEquals("mysql", rs.getString(1));
            }
            SQLException e = assertThrows(SQLException.class, () -> c.setCatalog("nosuchdb"));
            assertEquals(1049, e.getErrorCode());
        }
    }

    @Test
    void clientSidePreparedStatementsUseTheTextProtocol() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", "");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            ps.setString(1, "héllo");
            ResultSet rs = ps.executeQuery();
            assertTrue(rs.next());
            assertEquals("héllo", rs.getString(1));
        }
    }

    @Test
    void noBackslashEscapesReachesClientSideEscaping() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", "");
             Statement s = c.createStatement();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            ps.setString(1, "it's");
            ResultSet rs = ps.executeQuery();
            assertTrue(rs.next());
            assertEquals("it\\'s", rs.getString(1), "backslash escaping while the mode is off (the fake echoes raw text)");
            s.execute("SET sql_mode = 'NO_BACKSLASH_ESCAPES'");
            rs = ps.executeQuery();
            assertTrue(rs.next());
            assertEquals("it''s", rs.getString(1), "quote doubling once the status flag is set");
        }
    }

    @Test
    void serverSidePrepareWorksAndARefusedPrepareFallsBack() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", "useServerPrepStmts=true")) {
            // The fake prepares only ECHO: the driver falls back to a client-side statement for this one.
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                ps.setInt(1, 1);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                }
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement("ECHO ?")) {
                assertTrue(ps.getClass().getName().contains("ServerPreparedStatement"), ps.getClass().getName());
                ps.setLong(1, 42);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("42:Long", rs.getString(1));
                }
            }
            try (Statement s = c.createStatement()) {
                assertTrue(s.executeQuery("SELECT 1").next(), "connection still usable");
            }
        }
    }

    @Test
    void transactionStatusFlagsReachTheDriver() throws Exception {
        try (Connection c = connect(fixture.port(), "root", "", ""); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("COMMIT");
            assertTrue(c.getAutoCommit());
        }
    }
}
