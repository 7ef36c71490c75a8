package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * pgjdbc's array API against Basalt's arrays (issue 10): {@code createArrayOf}/{@code setArray}
 * parameters (text and binary transfer), {@code getArray} on int[], text[] and other columns, and
 * the ORM pattern {@code WHERE id = ANY(?)}; and interval values (PGInterval) in both formats.
 */
class PgArrayJdbcTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("s3cret", "scram-sha-256");
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE arr (id int PRIMARY KEY, nums int[], tags text[], big bigint[], ok boolean[], "
                    + "amounts numeric[], days date[], f float8[])");
            s.execute("INSERT INTO arr VALUES (1, '{1,2,3}', '{a,\"b c\"}', '{10000000000}', '{t,f}', '{1.50}', '{2024-01-02}', '{0.5}'),"
                    + " (2, '{4,NULL}', '{}', NULL, NULL, NULL, NULL, NULL), (3, NULL, '{x}', NULL, NULL, NULL, NULL, NULL)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect(String options) throws SQLException {
        return server.connect("s3cret", options);
    }

    @Test
    void concatenationWithABoundParameter() throws Exception {
        // array || $1: an array parameter catenates, an element appends, $1 || array prepends; as PostgreSQL
        for (String mode : new String[] {"?prepareThreshold=1", "?prepareThreshold=-1", "?prepareThreshold=1&binaryTransfer=true"}) {
            try (Connection c = connect(mode);
                 PreparedStatement cat = c.prepareStatement("SELECT nums || ? FROM arr WHERE id = 1");
                 PreparedStatement app = c.prepareStatement("SELECT nums || ? FROM arr WHERE id = 1");
                 PreparedStatement pre = c.prepareStatement("SELECT ? || nums FROM arr WHERE id = 1")) {
                for (int run = 0; run < 3; run++) { // the later runs go through the kept plan
                    cat.setArray(1, c.createArrayOf("int4", new Integer[] {7, 8}));
                    app.setInt(1, 9);
                    pre.setInt(1, 0);
                    assertArrayEquals(new Integer[] {1, 2, 3, 7, 8}, firstArray(cat), mode);
                    assertArrayEquals(new Integer[] {1, 2, 3, 9}, firstArray(app), mode);
                    assertArrayEquals(new Integer[] {0, 1, 2, 3}, firstArray(pre), mode);
                }
            }
        }
    }

    private static Object[] firstArray(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            return (Object[]) rs.getArray(1).getArray();
        }
    }

    @Test
    void getArrayReadsColumnsOfEveryElementType() throws Exception {
        for (String mode : new String[] {"?preferQueryMode=simple", "?prepareThreshold=-1", "?prepareThreshold=1&binaryTransfer=true"}) {
            try (Connection c = connect(mode); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT nums, tags, big, ok, amounts, days, f FROM arr WHERE id = 1")) {
                assertTrue(rs.next(), mode);
                assertArrayEquals(new Integer[] {1, 2, 3}, (Object[]) rs.getArray(1).getArray(), mode);
                assertEquals("int4", rs.getArray(1).getBaseTypeName(), mode);
                assertArrayEquals(new String[] {"a", "b c"}, (Object[]) rs.getArray(2).getArray(), mode);
                assertArrayEquals(new Long[] {10_000_000_000L}, (Object[]) rs.getArray(3).getArray(), mode);
                assertArrayEquals(new Boolean[] {true, false}, (Object[]) rs.getArray(4).getArray(), mode);
                assertArrayEquals(new BigDecimal[] {new BigDecimal("1.50")}, (Object[]) rs.getArray(5).getArray(), mode);
                assertArrayEquals(new java.sql.Date[] {java.sql.Date.valueOf("2024-01-02")}, (Object[]) rs.getArray(6).getArray(), mode);
                assertArrayEquals(new Double[] {0.5}, (Object[]) rs.getArray(7).getArray(), mode);
                if (mode.contains("simple")) assertEquals("{1,2,3}", rs.getString(1)); // binary: pgjdbc quotes each element
                assertEquals(java.sql.Types.ARRAY, rs.getMetaData().getColumnType(1), mode);
                assertEquals("_int4", rs.getMetaData().getColumnTypeName(1), mode);
            }
        }
    }

    @Test
    void twoDimensionalArraysInTextAndBinary() throws Exception {
        for (String mode : new String[] {"?preferQueryMode=simple", "?prepareThreshold=-1", "?prepareThreshold=1&binaryTransfer=true"}) {
            try (Connection c = connect(mode);
                 PreparedStatement q = c.prepareStatement("SELECT m, m[2][1] AS m21, array_dims(m) AS d FROM "
                         + "(SELECT ?::int[] AS m) s")) {
                for (int round = 0; round < 2; round++) { // the second runs the named (binary) statement
                    // pgjdbc sends a Java int[][] as {{1,2},{3,NULL}} (binary with binaryTransfer)
                    q.setArray(1, c.createArrayOf("int4", new Integer[][] {{1, 2}, {3, null}}));
                    try (ResultSet rs = q.executeQuery()) {
                        assertTrue(rs.next(), mode);
                        Object[] m = (Object[]) rs.getArray(1).getArray();
                        assertArrayEquals(new Integer[] {1, 2}, (Object[]) m[0], mode);
                        assertArrayEquals(new Integer[] {3, null}, (Object[]) m[1], mode);
                        assertEquals(3, rs.getInt(2), mode);
                        assertEquals("[1:2][1:2]", rs.getString(3), mode);
                    }
                }
            }
        }
    }

    @Test
    void nullElementsAndNullArrays() throws Exception {
        try (Connection c = connect("?prepareThreshold=1&binaryTransfer=true");
             PreparedStatement q = c.prepareStatement("SELECT nums FROM arr WHERE id = ?")) {
            for (int round = 0; round < 2; round++) { // the second runs the named, binary statement
                q.setInt(1, 2);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(new Integer[] {4, null}, (Object[]) rs.getArray(1).getArray());
                }
                q.setInt(1, 3);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    assertNull(rs.getArray(1));
                }
            }
        }
    }

    @Test
    void anyWithAnArrayParameter() throws Exception {
        for (String mode : new String[] {"?preferQueryMode=simple", "?prepareThreshold=1", "?prepareThreshold=1&binaryTransfer=true"}) {
            try (Connection c = connect(mode);
                 PreparedStatement q = c.prepareStatement("SELECT id FROM arr WHERE id = ANY(?) ORDER BY id")) {
                for (int round = 0; round < 3; round++) {
                    q.setArray(1, c.createArrayOf("int4", new Integer[] {1, 3, 99}));
                    assertEquals(List.of(1, 3), ids(q), mode);
                }
                q.setArray(1, c.createArrayOf("int4", new Integer[] {}));
                assertEquals(List.of(), ids(q), mode);
            }
            try (Connection c = connect(mode);
                 PreparedStatement q = c.prepareStatement("SELECT id FROM arr WHERE ? = ANY(tags) ORDER BY id")) {
                q.setString(1, "x");
                assertEquals(List.of(3), ids(q), mode);
            }
            try (Connection c = connect(mode);
                 PreparedStatement q = c.prepareStatement("SELECT id FROM arr WHERE tags && ? ORDER BY id")) {
                q.setArray(1, c.createArrayOf("text", new String[] {"x", "b c"}));
                assertEquals(List.of(1, 3), ids(q), mode);
            }
        }
    }

    @Test
    void setArrayWritesAColumn() throws Exception {
        try (Connection c = connect("?prepareThreshold=1&binaryTransfer=true"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE written (id int PRIMARY KEY, tags text[], nums bigint[])");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO written VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    ins.setInt(1, i);
                    ins.setArray(2, c.createArrayOf("text", new String[] {"t" + i, "with, comma", null, "q\"uote"}));
                    ins.setArray(3, c.createArrayOf("int8", new Long[] {(long) i, 1L << 40}));
                    assertEquals(1, ins.executeUpdate());
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT tags, nums, tags[2] AS second, cardinality(nums) AS n FROM written WHERE id = 3")) {
                assertTrue(rs.next());
                assertArrayEquals(new String[] {"t3", "with, comma", null, "q\"uote"}, (Object[]) rs.getArray(1).getArray());
                assertArrayEquals(new Long[] {3L, 1L << 40}, (Object[]) rs.getArray(2).getArray());
                assertEquals("with, comma", rs.getString(3));
                assertEquals(2, rs.getInt(4));
            }
        }
    }

    @Test
    void unnestOfAnArrayParameter() throws Exception {
        try (Connection c = connect("?prepareThreshold=1");
             PreparedStatement q = c.prepareStatement("SELECT n FROM unnest(?::int[]) AS u(n) ORDER BY n")) {
            for (int round = 0; round < 2; round++) {
                q.setArray(1, c.createArrayOf("int4", new Integer[] {3, 1, 2}));
                assertEquals(List.of(1, 2, 3), ids(q));
            }
        }
    }

    private static List<Integer> ids(PreparedStatement q) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }

    @Test
    void intervalsInTextAndBinary() throws Exception {
        // prepareThreshold=-1: pgjdbc looks the type up with a catalog query it describes before running it
        for (String mode : new String[] {"?preferQueryMode=simple", "?prepareThreshold=1&binaryTransferEnable=1186", "?prepareThreshold=-1"}) {
            try (Connection c = connect(mode); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT interval '1 year 2 months 3 days 04:05:06.5' AS i, "
                         + "timestamp '2024-03-01 12:00:00' - timestamp '2024-01-01 09:30:00' AS d")) {
                assertTrue(rs.next(), mode);
                assertEquals(new org.postgresql.util.PGInterval(1, 2, 3, 4, 5, 6.5), rs.getObject(1), mode);
                assertEquals(new org.postgresql.util.PGInterval(0, 0, 60, 2, 30, 0), rs.getObject(2), mode);
                assertEquals("interval", rs.getMetaData().getColumnTypeName(1), mode);
            }
        }
    }

    @Test
    void anArrayReadsBackAsSqlArray() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ARRAY[1,2] AS a, array_agg(id ORDER BY id) AS ids FROM arr")) {
            assertTrue(rs.next());
            Array a = rs.getArray("ids");
            assertArrayEquals(new Integer[] {1, 2, 3}, (Object[]) a.getArray());
        }
    }
}
