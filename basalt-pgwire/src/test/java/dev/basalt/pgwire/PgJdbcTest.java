package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** pgjdbc, unmodified, against Basalt's PostgreSQL listener. */
class PgJdbcTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("s3cret", "scram-sha-256");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect(String extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "s3cret");
        return DriverManager.getConnection(server.url("postgres") + extra, p);
    }

    @Test
    void simpleQueryAndMetadataOfAConnection() throws Exception {
        try (Connection c = connect("?preferQueryMode=simple"); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT 1 + 1, 'x' || 'y', NULL");
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
            assertEquals("xy", rs.getString(2));
            assertNull(rs.getObject(3));
            assertFalse(rs.next());
            assertTrue(c.getMetaData().getDatabaseProductVersion().startsWith("16"));
        }
    }

    @Test
    void extendedQueryWithServerSidePrepareAndTypes() throws Exception {
        try (Connection c = connect("?prepareThreshold=3"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS items");
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(10,2), ok BOOLEAN, "
                    + "d DATE, ts DATETIME(6), f DOUBLE, b VARBINARY(10), big BIGINT)");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO items VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)".replace("$", "?").replaceAll("\\?\\d", "?"))) {
                for (int i = 1; i <= 8; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "item" + i);
                    ins.setBigDecimal(3, new BigDecimal(i + ".25"));
                    ins.setBoolean(4, i % 2 == 0);
                    ins.setDate(5, java.sql.Date.valueOf("2024-01-0" + i));
                    ins.setTimestamp(6, java.sql.Timestamp.valueOf("2024-02-03 04:05:06.5"));
                    ins.setDouble(7, i * 1.5);
                    ins.setBytes(8, new byte[] {1, 2, (byte) i});
                    ins.setLong(9, 10_000_000_000L + i);
                    assertEquals(1, ins.executeUpdate());
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT id, name, price, ok, d, ts, f, b, big FROM items WHERE id = ?")) {
                for (int i = 1; i <= 8; i++) { // past prepareThreshold: a named server-side statement
                    q.setInt(1, i);
                    try (ResultSet rs = q.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(i, rs.getInt(1));
                        assertEquals("item" + i, rs.getString(2));
                        assertEquals(new BigDecimal(i + ".25"), rs.getBigDecimal(3));
                        assertEquals(i % 2 == 0, rs.getBoolean(4));
                        assertEquals(java.sql.Date.valueOf("2024-01-0" + i), rs.getDate(5));
                        assertEquals(java.sql.Timestamp.valueOf("2024-02-03 04:05:06.5"), rs.getTimestamp(6));
                        assertEquals(i * 1.5, rs.getDouble(7));
                        assertArrayEquals(new byte[] {1, 2, (byte) i}, rs.getBytes(8));
                        assertEquals(10_000_000_000L + i, rs.getLong(9));
                        assertFalse(rs.next());
                    }
                }
            }
        }
    }

    @Test
    void onConflictWithParametersOverTheExtendedProtocol() throws Exception {
        try (Connection c = connect("?prepareThreshold=1"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS counters");
            s.execute("CREATE TABLE counters (name VARCHAR(20) PRIMARY KEY, hits INT NOT NULL)");
            try (PreparedStatement up = c.prepareStatement("INSERT INTO counters (name, hits) VALUES (?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET hits = counters.hits + EXCLUDED.hits WHERE counters.hits < ?")) {
                for (int i = 0; i < 4; i++) {
                    up.setString(1, "a");
                    up.setInt(2, 2);
                    up.setInt(3, 5);
                    assertEquals(i < 3 ? 1 : 0, up.executeUpdate(), "execution " + i); // 2, 4, 6, then WHERE fails
                }
            }
            ResultSet rs = s.executeQuery("SELECT hits FROM counters WHERE name = 'a'");
            assertTrue(rs.next());
            assertEquals(6, rs.getInt(1));
            assertEquals("42P10", state(() -> s.execute("INSERT INTO counters VALUES ('a', 1) ON CONFLICT (hits) DO NOTHING")));
            assertEquals("0A000", state(() -> s.executeQuery("INSERT INTO counters VALUES ('a', 1) ON CONFLICT DO NOTHING RETURNING hits")));
            try (PreparedStatement up = c.prepareStatement("INSERT INTO counters (name, hits) VALUES (?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET hits = counters.hits + EXCLUDED.hits RETURNING name, hits")) {
                for (int i = 0; i < 3; i++) {
                    up.setString(1, "b");
                    up.setInt(2, 5);
                    ResultSet r = up.executeQuery();
                    assertTrue(r.next());
                    assertEquals("b", r.getString(1));
                    assertEquals(5 * (i + 1), r.getInt(2));
                    assertFalse(r.next());
                }
            }
        }
    }

    @Test
    void generateSeriesAndDistinctOnWithParameters() throws Exception {
        try (Connection c = connect("?prepareThreshold=1")) {
            for (int round = 0; round < 2; round++) {
                try (PreparedStatement p = c.prepareStatement("SELECT n FROM generate_series(?, ?, ?) AS g(n)")) {
                    p.setInt(1, 3);
                    p.setInt(2, 11);
                    p.setInt(3, 4);
                    ResultSet rs = p.executeQuery();
                    StringBuilder seen = new StringBuilder();
                    while (rs.next()) seen.append(rs.getInt(1)).append(' ');
                    assertEquals("3 7 11 ", seen.toString());
                }
                try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT ON (n % ?) n % ? AS k, n FROM generate_series(1, 9) AS g(n) "
                        + "WHERE n > ? ORDER BY n % ?, n DESC")) {
                    p.setInt(1, 3);
                    p.setInt(2, 3);
                    p.setInt(3, 1);
                    p.setInt(4, 3);
                    ResultSet rs = p.executeQuery();
                    StringBuilder seen = new StringBuilder();
                    while (rs.next()) seen.append(rs.getInt(1)).append(':').append(rs.getInt(2)).append(' ');
                    assertEquals("0:9 1:7 2:8 ", seen.toString());
                }
            }
        }
    }

    @Test
    void dollarParametersInAnyOrder() throws Exception {
        try (Connection c = connect("?preferQueryMode=extended"); PreparedStatement p = c.prepareStatement("SELECT ? - ?")) {
            p.setInt(1, 10);
            p.setInt(2, 3);
            ResultSet rs = p.executeQuery();
            assertTrue(rs.next());
            assertEquals(7, rs.getInt(1));
        }
    }

    @Test
    void fetchSizeUsesPortalSuspension() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS many");
            s.execute("CREATE TABLE many (n INT)");
            s.execute("INSERT INTO many VALUES (1),(2),(3),(4),(5),(6),(7)");
            c.setAutoCommit(false);
            try (Statement f = c.createStatement()) {
                f.setFetchSize(2);
                ResultSet rs = f.executeQuery("SELECT n FROM many ORDER BY n");
                int sum = 0, count = 0;
                while (rs.next()) {
                    sum += rs.getInt(1);
                    count++;
                }
                assertEquals(7, count);
                assertEquals(28, sum);
            }
            c.commit();
        }
    }

    @Test
    void errorsCarryPostgresSqlStates() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertEquals("42P01", state(() -> s.executeQuery("SELECT * FROM no_such_table")));
            s.execute("DROP TABLE IF EXISTS u");
            s.execute("CREATE TABLE u (id INT PRIMARY KEY)");
            s.execute("INSERT INTO u VALUES (1)");
            assertEquals("23505", state(() -> s.execute("INSERT INTO u VALUES (1)")));
            assertEquals("42703", state(() -> s.executeQuery("SELECT nope FROM u")));
            SQLException syntax = assertThrows(SQLException.class, () -> s.executeQuery("SELECT FROM WHERE"));
            assertEquals("42601", syntax.getSQLState());
            // the connection is still usable
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM u");
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void failedTransactionRefusesStatementsUntilRollback() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS t25");
            s.execute("CREATE TABLE t25 (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO t25 VALUES (1)");
            assertEquals("23505", state(() -> s.execute("INSERT INTO t25 VALUES (1)")));
            assertEquals("25P02", state(() -> s.executeQuery("SELECT 1")));
            c.rollback();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t25");
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1));
            s.execute("INSERT INTO t25 VALUES (2)");
            c.commit();
            c.setAutoCommit(true);
            rs = s.executeQuery("SELECT id FROM t25");
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "wrong");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(server.url("postgres"), p));
        assertEquals("28P01", e.getSQLState());
    }

    @Test
    void showAndSetOfParameters() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("SET application_name = 'basalt-test'");
            ResultSet rs = s.executeQuery("SHOW application_name");
            assertTrue(rs.next());
            assertEquals("basalt-test", rs.getString(1));
            rs = s.executeQuery("SHOW standard_conforming_strings");
            assertTrue(rs.next());
            assertEquals("on", rs.getString(1));
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
        }
    }

    private interface Action { void run() throws SQLException; }

    private static String state(Action a) {
        SQLException e = assertThrows(SQLException.class, a::run);
        return e.getSQLState();
    }

    @Test
    void insertReturningAndGeneratedKeys() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ret");
            s.execute("CREATE TABLE ret (id serial PRIMARY KEY, name text)");
            ResultSet rs = s.executeQuery("INSERT INTO ret (name) VALUES ('a'), ('b') RETURNING id, name");
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("a", rs.getString(2));
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
            assertFalse(rs.next());
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ret (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < 7; i++) { // past the server-side prepare threshold
                    p.setString(1, "n" + i);
                    assertEquals(1, p.executeUpdate());
                    ResultSet keys = p.getGeneratedKeys();
                    assertTrue(keys.next());
                    assertEquals(3 + i, keys.getInt("id"));
                }
            }
            // rows the INSERT did not number cannot be read back: refused, nothing inserted
            assertEquals("0A000", state(() -> s.executeQuery("INSERT INTO ret VALUES (100, 'x') RETURNING id")));
            rs = s.executeQuery("SELECT COUNT(*) FROM ret");
            assertTrue(rs.next());
            assertEquals(9, rs.getInt(1));
        }
    }

    @Test
    void updateAndDeleteReturningWithParameters() throws Exception {
        try (Connection c = connect("?prepareThreshold=1"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ud");
            s.execute("CREATE TABLE ud (id int PRIMARY KEY, name text, n int)");
            s.execute("INSERT INTO ud VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)");
            for (int round = 0; round < 3; round++) { // past the server-side prepare threshold
                try (PreparedStatement u = c.prepareStatement("UPDATE ud SET n = n + ? WHERE id >= ? RETURNING id, n")) {
                    u.setInt(1, 1);
                    u.setInt(2, 2);
                    ResultSet rs = u.executeQuery();
                    int rows = 0;
                    while (rs.next()) {
                        assertEquals(rs.getInt(1) * 10 + round + 1, rs.getInt(2));
                        rows++;
                    }
                    assertEquals(2, rows);
                }
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM ud WHERE name = ? RETURNING *")) {
                d.setString(1, "b");
                ResultSet rs = d.executeQuery();
                assertTrue(rs.next());
                assertEquals(2, rs.getInt("id"));
                assertEquals(23, rs.getInt("n"));
                assertFalse(rs.next());
            }
            s.execute("CREATE TABLE IF NOT EXISTS nokey (a int)");
            assertEquals("0A000", state(() -> s.executeQuery("UPDATE nokey SET a = 1 RETURNING a")));
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ud");
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void aSecondWriterWaitsThenUpdatesTheNewestRow() throws Exception {
        try (Connection a = connect(""); Connection b = connect(""); Statement s = a.createStatement()) {
            s.execute("DROP TABLE IF EXISTS acct");
            s.execute("CREATE TABLE acct (id INT PRIMARY KEY, bal INT)");
            s.execute("INSERT INTO acct VALUES (1, 100)");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            b.createStatement().executeQuery("SELECT bal FROM acct WHERE id = 1").close(); // b's snapshot starts here
            a.createStatement().executeUpdate("UPDATE acct SET bal = bal - 10 WHERE id = 1");
            // b's write waits for a's row lock; once a commits, b's UPDATE reads the newest version
            // (InnoDB's current read; PostgreSQL's default READ COMMITTED re-checks the row the same
            // way), so neither update is lost
            var blocked = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    b.createStatement().executeUpdate("UPDATE acct SET bal = bal - 20 WHERE id = 1");
                    b.commit();
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            assertFalse(blocked.isDone(), "the second writer waits for the first one's row lock");
            a.commit();
            assertNull(blocked.get(20, java.util.concurrent.TimeUnit.SECONDS), "the second writer succeeds");
            a.setAutoCommit(true);
            try (var rs = a.createStatement().executeQuery("SELECT bal FROM acct WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals(70, rs.getInt(1), "both updates applied");
            }
        }
    }

    @Test
    void cancelStopsTheRunningStatement() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    s.executeQuery("SELECT BENCHMARK(2000000000, 1 + 1)").close();
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(500);
            s.cancel(); // a CancelRequest on a new socket with the backend key
            SQLException e = running.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(e, "the statement must be stopped");
            assertEquals("57014", e.getSQLState());
            try (ResultSet rs = c.createStatement().executeQuery("SELECT 1")) { // the connection stays usable
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void offsetAndFetchFirstWithParameters() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pages");
            s.execute("CREATE TABLE pages (n INT)");
            s.execute("INSERT INTO pages VALUES (1),(2),(3),(4),(5),(6)");
            try (PreparedStatement p = c.prepareStatement("SELECT n FROM pages WHERE n > ? ORDER BY n OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")) {
                for (int round = 0; round < 6; round++) { // through server-side prepare too
                    p.setInt(1, 1);
                    p.setInt(2, 2);
                    p.setInt(3, 2);
                    ResultSet rs = p.executeQuery();
                    assertTrue(rs.next());
                    assertEquals(4, rs.getInt(1));
                    assertTrue(rs.next());
                    assertEquals(5, rs.getInt(1));
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void truthValuesAreBooleansInTextAndBinary() throws Exception {
        for (String mode : new String[] {"?preferQueryMode=simple", "?prepareThreshold=-1", "?prepareThreshold=1&binaryTransfer=true"}) {
            try (Connection c = connect(mode); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1 < 2 AS lt, 2 = 3 AS eq, NULL::int IS NULL AS n, 'a' LIKE 'b' AS lk")) {
                assertTrue(rs.next(), mode);
                assertEquals("bool", rs.getMetaData().getColumnTypeName(1), mode);
                assertEquals(Boolean.TRUE, rs.getObject(1), mode);
                assertFalse(rs.getBoolean(2), mode);
                assertEquals(Boolean.TRUE, rs.getObject(3), mode);
                assertEquals("f", rs.getString(4), mode);
            }
        }
    }

    @Test
    void alwaysServerPreparedCatalogQueriesAreDescribed() throws Exception {
        // prepareThreshold=-1: pgjdbc describes every statement before it binds it, its own catalog queries included
        try (Connection c = connect("?prepareThreshold=-1"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS meta_t");
            s.execute("CREATE TABLE meta_t (id int PRIMARY KEY, name varchar(20) NOT NULL, at timestamp)");
            s.execute("CREATE INDEX meta_t_at ON meta_t (at)");
            java.sql.DatabaseMetaData m = c.getMetaData();
            assertEquals(1, count(m.getTables(null, "public", "meta_t", new String[] {"TABLE"})));
            assertEquals(3, count(m.getColumns(null, "public", "meta_t", "%")));
            assertEquals(1, count(m.getPrimaryKeys(null, "public", "meta_t")));
            assertEquals(2, count(m.getIndexInfo(null, "public", "meta_t", false, false)));
            assertTrue(count(m.getSchemas()) >= 1);
            assertTrue(count(m.getTypeInfo()) > 10);
            assertEquals(java.sql.Connection.TRANSACTION_REPEATABLE_READ, m.getDefaultTransactionIsolation());
            s.execute("DROP TABLE meta_t");
        }
    }

    private static int count(ResultSet rs) throws SQLException {
        try (rs) {
            int n = 0;
            while (rs.next()) n++;
            return n;
        }
    }
}
