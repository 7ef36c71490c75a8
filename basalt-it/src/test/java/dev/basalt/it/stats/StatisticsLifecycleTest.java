package dev.basalt.it.stats;

import dev.basalt.it.support.Commands;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ANALYZE TABLE's statistics and column histograms are stored with the data (as MySQL keeps them
 * in its dictionary): on LMDB they survive a restart without a new ANALYZE, and DROP TABLE removes
 * them with the table.
 */
class StatisticsLifecycleTest {

    @Test
    void statisticsAndHistogramsSurviveARestartOnLmdb() throws Exception {
        Path dir = Files.createTempDirectory("basalt-stats-");
        ServerSettings settings = ServerSettings.defaults().withStorage("lmdb").withPort(0).withRootPassword("").withDataDir(dir);
        String cardinality = "SELECT CONCAT(INDEX_NAME, ':', SEQ_IN_INDEX, '=', CARDINALITY) FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = 'st' AND TABLE_NAME = 't' ORDER BY INDEX_NAME, SEQ_IN_INDEX";
        String histograms = "SELECT CONCAT(COLUMN_NAME, ':', HISTOGRAM->>'$.\"histogram-type\"') FROM information_schema.COLUMN_STATISTICS "
                + "WHERE SCHEMA_NAME = 'st' ORDER BY COLUMN_NAME";
        List<String> expected = List.of("ab:1=3", "ab:2=6", "PRIMARY:1=9");
        try {
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("")) {
                exec(c, "CREATE DATABASE st", "USE st",
                        "CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, v INT, KEY ab (a, b))",
                        "INSERT INTO t VALUES (1,1,1,5),(2,1,1,5),(3,1,2,6),(4,2,1,6),(5,2,2,7),(6,2,2,7),(7,3,1,8),(8,3,3,8),(9,3,3,9)",
                        "ANALYZE TABLE t", "ANALYZE TABLE t UPDATE HISTOGRAM ON v");
                assertEquals(expected, column(c, cardinality));
            }
            try (TestServer basalt = TestServer.start(settings); Connection c = basalt.connect("st")) {
                assertEquals(expected, column(c, cardinality));
                assertEquals(List.of("v:singleton"), column(c, histograms));
                exec(c, "DROP TABLE t", "CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, v INT, KEY ab (a, b))");
                assertEquals(List.of(), column(c, histograms));
                assertEquals(List.of("ab:1=0", "ab:2=0", "PRIMARY:1=0"), column(c, cardinality));
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return Commands.rows(s, sql);
        }
    }
}
