package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MemoryServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The text plan cache through MySQL Connector/J's text protocol (Statement: one COM_QUERY per
 * query, literals in the text): the same shapes with other literals give the rows, the result-set
 * column metadata (names, labels, types, precision, scale, flags), the update counts and the
 * warnings that a connection with the cache off (SET basalt_text_plan_cache = OFF) gets; and the
 * cache is used (Basalt_text_plan_cache_hits grows).
 */
class TextPlanCacheJdbcTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    private static final String[] QUERIES = {
            "SELECT c FROM t WHERE id = 1", "SELECT c FROM t WHERE id = 7", "SELECT c FROM t WHERE id = -2",
            "SELECT * FROM t WHERE id = 3", "SELECT * FROM t WHERE id = '4'", "SELECT * FROM t WHERE id = 4.0",
            "SELECT id, c FROM t WHERE id BETWEEN 1 AND 5 ORDER BY 2 DESC", "SELECT id, c FROM t WHERE id BETWEEN 2 AND 3 ORDER BY 1",
            "SELECT id FROM t WHERE k = 1 ORDER BY id LIMIT 2", "SELECT id FROM t WHERE k = 2 ORDER BY id LIMIT 1, 3",
            "SELECT k, COUNT(*), SUM(p) FROM t GROUP BY 1 ORDER BY 1", "SELECT k, COUNT(*), SUM(p) FROM t WHERE id > 4 GROUP BY 1 ORDER BY 1",
            "SELECT 1, 'a', 1.5, 1e1, NULL, -3 FROM t WHERE id = 1", "SELECT 123456, 'bbbbbb', 10.125, 2.5e3, NULL, -30000 FROM t WHERE id = 2",
            "SELECT c AS 'x y', id + 1 AS n, p * 2 FROM t WHERE id = 1", "SELECT c AS 'z', id + 100 AS n, p * 2.5 FROM t WHERE id = 2",
            "SELECT SUM(p), AVG(k), MAX(d) FROM t WHERE id BETWEEN 1 AND 10", "SELECT SUM(p), AVG(k), MAX(d) FROM t WHERE id BETWEEN 5 AND 6",
            "SELECT DISTINCT c FROM t WHERE id BETWEEN 1 AND 10 ORDER BY c", "SELECT DISTINCT c FROM t WHERE id BETWEEN 3 AND 4 ORDER BY c",
            "SELECT id FROM t WHERE id IN (1, 2, 3) ORDER BY id", "SELECT id FROM t WHERE id IN (4, 5) ORDER BY id",
            "SELECT id FROM t WHERE c = _utf8mb4'c3'", "SELECT id FROM t WHERE c = 'C5' COLLATE utf8mb4_bin",
            "SELECT id FROM t WHERE d < '2020-01-01' + INTERVAL 3 DAY ORDER BY id", "SELECT id FROM t WHERE d < '2020-01-01' + INTERVAL 1 WEEK ORDER BY id",
            "SELECT id FROM t WHERE id = 'abc'", "SELECT id FROM t WHERE id = '3x'", "SELECT id FROM t WHERE k = NULL",
            "SELECT NOW() > '2000-01-01', c FROM t WHERE id = 1", "SELECT NOW() > '2000-01-01', c FROM t WHERE id = 2",
    };

    private Connection connect(boolean cache) throws SQLException {
        Connection c = Driver.MYSQL.connect(server, "tpc_jdbc");
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION basalt_text_plan_cache = " + (cache ? "ON" : "OFF"));
        }
        return c;
    }

    @Test
    void shapesWithOtherLiteralsGiveWhatTheOrdinaryPathGives() throws Exception {
        try (Connection admin = Driver.MYSQL.connect(server, ""); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS tpc_jdbc");
            s.execute("CREATE TABLE tpc_jdbc.t (id INT PRIMARY KEY, k INT, c VARCHAR(20), p DECIMAL(10,2), d DATE, KEY (k))");
            for (int i = 1; i <= 12; i++) {
                s.execute("INSERT INTO tpc_jdbc.t VALUES (" + i + ", " + (i % 3) + ", 'c" + i + "', " + i + ".5, '2020-01-0"
                        + (i % 9 + 1) + "')");
            }
        }
        long hits = hits();
        try (Connection on = connect(true); Connection off = connect(false)) {
            for (int round = 0; round < 2; round++) {
                for (String q : QUERIES) assertEquals(outcome(off, q), outcome(on, q), q);
            }
        }
        assertTrue(hits() - hits >= QUERIES.length, "the cache served the second round: " + (hits() - hits));
    }

    @Test
    void writesGiveWhatTheOrdinaryPathGives() throws Exception {
        try (Connection admin = Driver.MYSQL.connect(server, ""); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS tpc_w");
            for (String t : new String[] {"on_t", "off_t"}) {
                s.execute("CREATE TABLE tpc_w." + t + " (id INT PRIMARY KEY, k INT NOT NULL DEFAULT 0, c VARCHAR(5), p DECIMAL(6,2))");
            }
        }
        String[] writes = {
                "INSERT INTO %s VALUES (1, 1, 'a', 1.5)", "INSERT INTO %s VALUES (2, -2, 'bb', 2.25)",
                "INSERT INTO %s (id, c) VALUES (3, 'toolongvalue')", "INSERT IGNORE INTO %s (id, k) VALUES (4, 'x')",
                "INSERT IGNORE INTO %s (id, k) VALUES (5, 'y')", "UPDATE %s SET k = k + 1 WHERE id = 1",
                "UPDATE %s SET k = k + 10 WHERE id = 2", "UPDATE %s SET p = 1.005 WHERE id = 1", "UPDATE %s SET p = 2.999 WHERE id = 2",
                "INSERT INTO %s VALUES (1, 0, 'd', 0) ON DUPLICATE KEY UPDATE k = 100",
                "INSERT INTO %s VALUES (6, 0, 'd', 0) ON DUPLICATE KEY UPDATE k = 100", "REPLACE INTO %s VALUES (2, 7, 'r', 7)",
                "DELETE FROM %s WHERE id = 5", "DELETE FROM %s WHERE id = 99",
        };
        try (Connection on = Driver.MYSQL.connect(server, "tpc_w"); Connection off = Driver.MYSQL.connect(server, "tpc_w");
             Statement son = on.createStatement(); Statement soff = off.createStatement()) {
            son.execute("SET SESSION sql_mode = ''"); // warnings rather than errors: both must warn alike
            soff.execute("SET SESSION sql_mode = ''");
            soff.execute("SET SESSION basalt_text_plan_cache = OFF");
            for (String w : writes) {
                assertEquals(update(off, w.formatted("off_t")), update(on, w.formatted("on_t")), w);
            }
            assertEquals(outcome(off, "SELECT * FROM off_t ORDER BY id").toString().replace("off_t", "on_t"),
                    outcome(on, "SELECT * FROM on_t ORDER BY id").toString());
        }
    }

    private long hits() throws SQLException {
        try (Connection c = Driver.MYSQL.connect(server, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Basalt_text_plan_cache_hits'")) {
            assertTrue(rs.next(), "Basalt_text_plan_cache_hits in SHOW STATUS");
            return rs.getLong(2);
        }
    }

    /** Column metadata, rows (as text) and warnings of one query. */
    private static List<String> outcome(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnLabel(i) + "/" + md.getColumnName(i) + "/" + md.getTableName(i) + "/" + md.getColumnType(i)
                        + "/" + md.getColumnTypeName(i) + "/" + md.getPrecision(i) + "/" + md.getScale(i) + "/"
                        + md.isNullable(i) + "/" + md.isSigned(i) + "/" + md.getColumnDisplaySize(i) + "/" + md.getColumnClassName(i));
            }
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
            out.addAll(warnings(s.getWarnings()));
        }
        return out;
    }

    private static List<String> update(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            out.add("count " + s.executeUpdate(sql));
            out.addAll(warnings(s.getWarnings()));
        } catch (SQLException e) {
            out.add("error " + e.getErrorCode() + " " + e.getSQLState() + " " + e.getMessage().replace("off_t", "on_t"));
        }
        return out;
    }

    private static List<String> warnings(SQLWarning w) {
        List<String> out = new ArrayList<>();
        for (; w != null; w = w.getNextWarning()) out.add("warning " + w.getErrorCode() + " " + w.getMessage().replace("off_t", "on_t"));
        return out;
    }
}
