package dev.basalt.it.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * innodb_stats_auto_recalc: after a bulk load changes more than 10% of an analysed table, its
 * statistics are taken again in the background and the plan follows without an ANALYZE TABLE.
 * The load makes an index that was unique two-valued: on the old statistics (scaled to the new row
 * count) {@code flag = 1} still looks like one row and is read by ref; on fresh ones it is half the
 * table and MySQL's cost model (and Basalt's) scans. With the variable OFF the same load leaves the
 * stale plan; that table is loaded before the one that is recalculated, and the single background
 * worker takes tables in order, so once the second is done the first would have been too.
 */
class StatisticsAutoRecalcTest {

    @Test
    void aBulkLoadChangesThePlanWithoutAnalyze() throws Exception {
        try (TestServer server = TestServer.memory(); Connection c = server.connect("")) {
            exec(c, "CREATE DATABASE ar", "USE ar",
                    "CREATE TABLE s (id INT PRIMARY KEY, flag INT, KEY fl (flag))",
                    "CREATE TABLE off_s (id INT PRIMARY KEY, flag INT, KEY fl (flag))",
                    "INSERT INTO s VALUES (1, 1), (2, 2)", "INSERT INTO off_s VALUES (1, 1), (2, 2)",
                    "ANALYZE TABLE s, off_s");
            assertEquals("ref", accessType(c, "s"));
            assertEquals("ref", accessType(c, "off_s"));
            long before = recalcs(c);

            exec(c, "SET GLOBAL innodb_stats_auto_recalc = OFF", load("off_s"), "SET GLOBAL innodb_stats_auto_recalc = ON");
            exec(c, load("s"));
            long deadline = System.nanoTime() + 120_000_000_000L; // generous: a loaded machine
            while (recalcs(c) < before + 1) {
                assertTrue(System.nanoTime() < deadline, "no automatic recalculation within 120 s");
                Thread.sleep(50); // polling an observable counter, not a timing assumption
            }
            assertEquals(before + 1, recalcs(c), "only the table loaded with the variable ON");
            assertEquals("ALL", accessType(c, "s"), "fresh statistics: flag = 1 is half the table");
            assertEquals("ref", accessType(c, "off_s"), "innodb_stats_auto_recalc = OFF keeps the old statistics");
            exec(c, "ANALYZE TABLE off_s");
            assertEquals("ALL", accessType(c, "off_s"), "the same plan once analysed by hand");
            assertEquals("1", value(c, "SELECT @@GLOBAL.innodb_stats_auto_recalc"));
        }
    }

    /**
     * A table's STATS_AUTO_RECALC overrides the variable: =0 keeps the old statistics with the
     * variable ON, =1 recalculates with it OFF. The =0 table is loaded first, so the single
     * worker would have taken it before the =1 one.
     */
    @Test
    void theTableOptionOverridesTheVariable() throws Exception {
        try (TestServer server = TestServer.memory(); Connection c = server.connect("")) {
            exec(c, "CREATE DATABASE ar", "USE ar",
                    "CREATE TABLE never (id INT PRIMARY KEY, flag INT, KEY fl (flag)) STATS_AUTO_RECALC=0",
                    "CREATE TABLE always (id INT PRIMARY KEY, flag INT, KEY fl (flag))",
                    "ALTER TABLE always STATS_AUTO_RECALC=1",
                    "INSERT INTO never VALUES (1, 1), (2, 2)", "INSERT INTO always VALUES (1, 1), (2, 2)",
                    "ANALYZE TABLE never, always");
            long before = recalcs(c);
            exec(c, load("never"), "SET GLOBAL innodb_stats_auto_recalc = OFF", load("always"));
            try {
                long deadline = System.nanoTime() + 120_000_000_000L; // generous: a loaded machine
                while (recalcs(c) < before + 1) {
                    assertTrue(System.nanoTime() < deadline, "no automatic recalculation within 120 s");
                    Thread.sleep(50); // polling an observable counter, not a timing assumption
                }
            } finally {
                exec(c, "SET GLOBAL innodb_stats_auto_recalc = ON");
            }
            assertEquals(before + 1, recalcs(c), "only the STATS_AUTO_RECALC=1 table");
            assertEquals("ALL", accessType(c, "always"), "STATS_AUTO_RECALC=1 with the variable OFF: recalculated");
            assertEquals("ref", accessType(c, "never"), "STATS_AUTO_RECALC=0 with the variable ON: old statistics");
        }
    }

    /** 2000 more rows, flag two-valued: 99.9% of the table changed. */
    private static String load(String table) {
        StringBuilder sb = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int k = 3; k <= 2002; k++) sb.append(k > 3 ? "," : "").append('(').append(k).append(',').append(k % 2).append(')');
        return sb.toString();
    }

    private static String accessType(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN SELECT * FROM " + table + " WHERE flag = 1")) {
            assertTrue(rs.next());
            return rs.getString("type");
        }
    }

    private static long recalcs(Connection c) throws SQLException {
        return Long.parseLong(value(c, "SHOW GLOBAL STATUS LIKE 'Basalt_stats_auto_recalcs'", 2));
    }

    private static String value(Connection c, String sql) throws SQLException { return value(c, sql, 1); }

    private static String value(Connection c, String sql, int column) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(column);
        }
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }
}
