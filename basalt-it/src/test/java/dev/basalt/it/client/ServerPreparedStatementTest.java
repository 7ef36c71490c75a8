package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Server-side prepared statements (COM_STMT_PREPARE / EXECUTE, binary rows) through both JDBC
 * drivers with useServerPrepStmts=true. Each test first checks the driver really took the server
 * path: both drivers quietly fall back to client-side statements when the server refuses.
 */
class ServerPreparedStatementTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private Connection fresh(Driver d, String name) throws SQLException {
        String db = "ps_" + name + "_" + d.name().toLowerCase();
        try (Connection c = d.connect(server, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        return DriverManager.getConnection(d.url(server, db) + "&useServerPrepStmts=true", server.user(), server.password());
    }

    private static PreparedStatement serverSide(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        assertTrue(ps.getClass().getName().contains("ServerPreparedStatement"),
                "driver fell back to client-side preparation: " + ps.getClass().getName());
        return ps;
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void everyCommonTypeRoundTrips(Driver d) throws SQLException {
        try (Connection c = fresh(d, "types"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, ti TINYINT, si SMALLINT, bi BIGINT, ub BIGINT UNSIGNED,"
                    + " de DECIMAL(10,3), fl FLOAT, db DOUBLE, vc VARCHAR(40), tx TEXT, vb VARBINARY(16), bl BLOB,"
                    + " dt DATE, dtm DATETIME(6), tm TIME, yr YEAR, bo BOOLEAN)");
            try (PreparedStatement ins = serverSide(c, "INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ins.setInt(1, 1);
                ins.setByte(2, (byte) -7);
                ins.setShort(3, (short) 30000);
                ins.setLong(4, -9_000_000_000L);
                ins.setBigDecimal(5, new BigDecimal("18446744073709551615"));
                ins.setBigDecimal(6, new BigDecimal("-1234.567"));
                ins.setFloat(7, 1.5f);
                ins.setDouble(8, 2.25e100);
                ins.setString(9, "héllo wörld ✓");
                ins.setString(10, "long text");
                ins.setBytes(11, new byte[]{0, 1, (byte) 0xFF});
                ins.setBytes(12, new byte[]{9, 8, 7});
                ins.setObject(13, LocalDate.of(2024, 2, 29));
                ins.setObject(14, LocalDateTime.of(2023, 12, 31, 23, 59, 58, 123_456_000));
                ins.setObject(15, LocalTime.of(13, 14, 15));
                ins.setInt(16, 2024);
                ins.setBoolean(17, true);
                assertEquals(1, ins.executeUpdate());
                ins.setInt(1, 2);
                for (int i = 2; i <= 17; i++) ins.setNull(i, Types.NULL);
                assertEquals(1, ins.executeUpdate());
            }
            try (PreparedStatement q = serverSide(c, "SELECT * FROM t WHERE id = ?")) {
                q.setInt(1, 1);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(-7, rs.getByte("ti"));
                    assertEquals(30000, rs.getShort("si"));
                    assertEquals(-9_000_000_000L, rs.getLong("bi"));
                    assertEquals(new BigDecimal("18446744073709551615"), rs.getBigDecimal("ub"));
                    assertEquals(new BigDecimal("-1234.567"), rs.getBigDecimal("de"));
                    assertEquals(1.5f, rs.getFloat("fl"));
                    assertEquals(2.25e100, rs.getDouble("db"));
                    assertEquals("héllo wörld ✓", rs.getString("vc"));
                    assertEquals("long text", rs.getString("tx"));
                    assertArrayEquals(new byte[]{0, 1, (byte) 0xFF}, rs.getBytes("vb"));
                    assertArrayEquals(new byte[]{9, 8, 7}, rs.getBytes("bl"));
                    assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("dt", LocalDate.class));
                    assertEquals(LocalDateTime.of(2023, 12, 31, 23, 59, 58, 123_456_000), rs.getObject("dtm", LocalDateTime.class));
                    assertEquals(LocalTime.of(13, 14, 15), rs.getObject("tm", LocalTime.class));
                    assertEquals(2024, rs.getInt("yr"));
                    assertTrue(rs.getBoolean("bo"));
                    assertFalse(rs.next());
                }
                q.setInt(1, 2);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    for (int i = 2; i <= 17; i++) {
                        assertNull(rs.getObject(i), "column " + i);
                        assertTrue(rs.wasNull());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void oneStatementRunsManyTimes(Driver d) throws SQLException {
        try (Connection c = fresh(d, "reuse"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, k INT, c VARCHAR(20), KEY (k))");
            try (PreparedStatement ins = serverSide(c, "INSERT INTO t VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 200; i++) {
                    ins.setInt(1, i);
                    ins.setInt(2, i % 10);
                    ins.setString(3, "row" + i);
                    assertEquals(1, ins.executeUpdate());
                }
            }
            try (PreparedStatement point = serverSide(c, "SELECT c FROM t WHERE id = ?");
                 PreparedStatement range = serverSide(c, "SELECT id FROM t WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?");
                 PreparedStatement sum = serverSide(c, "SELECT SUM(k), COUNT(*) FROM t WHERE k = ?");
                 PreparedStatement upd = serverSide(c, "UPDATE t SET k = k + 1 WHERE id = ?")) {
                for (int i = 1; i <= 200; i += 7) {
                    point.setInt(1, i);
                    try (ResultSet rs = point.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("row" + i, rs.getString(1));
                    }
                }
                range.setInt(1, 50);
                range.setInt(2, 60);
                range.setInt(3, 4);
                try (ResultSet rs = range.executeQuery()) {
                    for (int want = 50; want < 54; want++) {
                        assertTrue(rs.next());
                        assertEquals(want, rs.getInt(1));
                    }
                    assertFalse(rs.next());
                }
                sum.setInt(1, 3);
                try (ResultSet rs = sum.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(60, rs.getLong(1));
                    assertEquals(20, rs.getLong(2));
                }
                upd.setInt(1, 13);
                assertEquals(1, upd.executeUpdate());
                upd.setInt(1, 9999);
                assertEquals(0, upd.executeUpdate());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void transactionsAndBatches(Driver d) throws SQLException {
        try (Connection c = fresh(d, "txn"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            c.setAutoCommit(false);
            try (PreparedStatement ins = serverSide(c, "INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < 5; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "v" + i);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            c.rollback();
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            try (PreparedStatement ins = serverSide(c, "INSERT INTO t VALUES (?, ?)")) {
                ins.setInt(1, 7);
                ins.setString(2, "seven");
                ins.executeUpdate();
            }
            c.commit();
            try (ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id = 7")) {
                assertTrue(rs.next());
                assertEquals("seven", rs.getString(1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void streamedParametersArriveAsLongData(Driver d) throws SQLException {
        try (Connection c = fresh(d, "longdata"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, tx TEXT, bl BLOB)");
            String text = "streamed ".repeat(2000);
            byte[] bytes = new byte[30_000];
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
            try (PreparedStatement ins = serverSide(c, "INSERT INTO t VALUES (?, ?, ?)")) {
                ins.setInt(1, 1);
                ins.setCharacterStream(2, new StringReader(text));
                ins.setBinaryStream(3, new ByteArrayInputStream(bytes));
                assertEquals(1, ins.executeUpdate());
            }
            try (PreparedStatement q = serverSide(c, "SELECT tx, bl FROM t WHERE id = ?")) {
                q.setInt(1, 1);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(text, rs.getString(1));
                    assertArrayEquals(bytes, rs.getBytes(2));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void errorsKeepMysqlNumbersAndTheConnectionUsable(Driver d) throws SQLException {
        try (Connection c = fresh(d, "errors"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            try (PreparedStatement ins = serverSide(c, "INSERT INTO t VALUES (?)")) {
                ins.setInt(1, 1);
                ins.executeUpdate();
                SQLException dup = assertThrows(SQLException.class, ins::executeUpdate);
                assertEquals(1062, dup.getErrorCode());
                assertEquals("23000", dup.getSQLState());
                ins.setInt(1, 2);
                assertEquals(1, ins.executeUpdate());
            }
            SQLException missing = assertThrows(SQLException.class, () -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM nope WHERE id = ?")) {
                    ps.setInt(1, 1);
                    ps.executeQuery().close();
                }
            });
            assertEquals(1146, missing.getErrorCode());
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void closedStatementsFreeTheirSlot(Driver d) throws SQLException {
        try (Connection c = fresh(d, "close")) {
            // Far more prepares than any cache keeps: each must be closed on the server for this to pass
            // once the server-wide limit is in reach; here it checks closing and re-preparing works.
            for (int i = 0; i < 300; i++) {
                try (PreparedStatement ps = serverSide(c, "SELECT ? + " + i)) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(1 + i, rs.getLong(1));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void statementsOtherThanDmlPrepareToo(Driver d) throws SQLException {
        try (Connection c = fresh(d, "other"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            try (PreparedStatement begin = serverSide(c, "BEGIN");
                 PreparedStatement ins = serverSide(c, "INSERT INTO t VALUES (?)");
                 PreparedStatement commit = serverSide(c, "COMMIT")) {
                begin.execute();
                ins.setInt(1, 5);
                ins.executeUpdate();
                commit.execute();
            }
            // Connector/J itself keeps SET client-side; MariaDB's driver sends it to the server.
            try (PreparedStatement set = c.prepareStatement("SET @x = ?")) {
                set.setString(1, "abc");
                set.execute();
            }
            try (PreparedStatement get = serverSide(c, "SELECT @x, ? IS NULL")) {
                get.setNull(1, Types.INTEGER);
                try (ResultSet rs = get.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("abc", rs.getString(1));
                    assertEquals(1, rs.getInt(2));
                }
            }
            // Column metadata only known at execution (0 columns announced at prepare).
            try (PreparedStatement show = serverSide(c, "SHOW TABLES"); ResultSet rs = show.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("t", rs.getString(1));
            }
        }
    }
}
