package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A YEAR column read through both JDBC drivers, over the text protocol and server-side prepared
 * statements: Basalt must give the driver the same column definition and row bytes as the real
 * MariaDB, so every getter (getString, getObject, getInt, getShort, getDate) and the metadata
 * agree value for value with what the same driver reports against MariaDB.
 *
 * <p>The two drivers disagree with each other, not with the server: MySQL Connector/J
 * (yearIsDateType) gives getString "2024-01-01", MariaDB Connector/J gives "2024"; both give
 * getObject a java.sql.Date.
 */
class YearColumnJdbcTest {
    private static final String SETUP_TABLE = "CREATE TABLE yeardb.y (id INT PRIMARY KEY, y YEAR, n YEAR NOT NULL DEFAULT 2000, i INT, d DECIMAL(5,2), f DOUBLE, b BIT(3), dt DATE, ts DATETIME)";
    private static final String SETUP_ROWS = "INSERT INTO yeardb.y (id, y, n) VALUES (1, 2024, 1999), (2, NULL, 0), (3, 1901, 2155)";
    private static final String QUERY = "SELECT y, n FROM y WHERE id >= ? ORDER BY id";

    private static BesideMariaDb servers;
    private static TestServer basalt;
    private static MariaDbServer mariadb;

    @BeforeAll
    static void start() throws Exception {
        servers = BesideMariaDb.start("yeardb", List.of(SETUP_TABLE, SETUP_ROWS));
        basalt = servers.basalt;
        mariadb = servers.mariadb;
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) servers.close();
    }

    private static void assertSameAsMariaDb(Driver driver, String options) throws Exception {
        List<String> expected = observe(driver, mariadb, options);
        List<String> actual = observe(driver, basalt, options);
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    void eachDriverReadsYearItsOwnWay() throws Exception {
        for (String options : List.of("", "&useServerPrepStmts=true")) {
            List<String> mysql = observe(Driver.MYSQL, basalt, options);
            List<String> maria = observe(Driver.MARIADB, basalt, options);
            assertTrue(mysql.contains("1 getString String:2024-01-01"), mysql::toString);
            assertTrue(maria.contains("1 getString String:2024"), maria::toString);
            assertTrue(maria.contains("1 getObject Date:2024-01-01"), maria::toString);
            assertTrue(maria.contains("1 getInt Integer:2024"), maria::toString);
        }
    }

    @Test
    void mariadbDriverTextProtocol() throws Exception { assertSameAsMariaDb(Driver.MARIADB, ""); }

    @Test
    void mariadbDriverServerPrepared() throws Exception { assertSameAsMariaDb(Driver.MARIADB, "&useServerPrepStmts=true"); }

    @Test
    void mysqlDriverTextProtocol() throws Exception { assertSameAsMariaDb(Driver.MYSQL, ""); }

    @Test
    void mysqlDriverServerPrepared() throws Exception { assertSameAsMariaDb(Driver.MYSQL, "&useServerPrepStmts=true"); }

    /**
     * The column definitions themselves, as the mariadb client prints them (type, collation,
     * length, decimals, flags): what every driver decodes YEAR from.
     */
    @Test
    void columnDefinitionsAsMariaDbSendsThem() throws Exception {
        String expected = columnTypeInfo(mariadb);
        String actual = columnTypeInfo(basalt);
        assertTrue(expected.contains("Type:       YEAR"), expected);
        assertEquals(expected, actual);
    }

    private static String columnTypeInfo(Endpoint e) throws Exception {
        return servers.columnTypeInfo(e, "SELECT y, n, i, d, f, b, dt, ts, 1.5 AS expr FROM y ORDER BY id");
    }

    /** Every getter's value (or its exception class) and the metadata, one line each. */
    private static List<String> observe(Driver driver, Endpoint e, String options) throws Exception {
        String url = driver.url(e, "yeardb") + options;
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, e.user(), e.password());
             PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= 2; i++) {
                    out.add("meta " + i + ": " + md.getColumnTypeName(i) + " " + md.getColumnType(i) + " "
                            + md.getColumnClassName(i) + " " + md.getPrecision(i) + " " + md.getScale(i) + " "
                            + md.getColumnDisplaySize(i) + " signed=" + md.isSigned(i));
                }
                while (rs.next()) {
                    for (int i = 1; i <= 2; i++) {
                        int col = i;
                        out.add(col + " getString " + attempt(() -> rs.getString(col)));
                        out.add(col + " getObject " + attempt(() -> rs.getObject(col)));
                        out.add(col + " getInt " + attempt(() -> rs.getInt(col)));
                        out.add(col + " getShort " + attempt(() -> rs.getShort(col)));
                        out.add(col + " getDate " + attempt(() -> rs.getDate(col)));
                        out.add(col + " getTimestamp " + attempt(() -> rs.getTimestamp(col)));
                    }
                }
            }
        }
        return out;
    }

    interface Getter { Object get() throws Exception; }

    private static String attempt(Getter g) {
        try {
            Object v = g.get();
            return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
        } catch (Exception ex) {
            return ex.getClass().getSimpleName() + ":" + ex.getMessage();
        }
    }
}
