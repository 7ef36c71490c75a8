package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.ExternalBasalt;
import dev.basalt.it.support.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One statement that needs far more memory than the heap (a server JVM with -Xmx128m) fails with
 * 1041 alone: its connection, the other connections and new connections are served afterwards
 * (before, the OutOfMemoryError could end the accept thread: a process up that serves no one).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OutOfMemoryTest {

    @Test
    void oneStatementOutOfMemoryLeavesTheServerServing() throws Exception {
        Path base = Files.createTempDirectory("basalt-oom-");
        try (ExternalBasalt server = new ExternalBasalt(base.resolve("data"), List.of(), List.of("-Xmx128m"))) {
            server.start();
            try (Connection greedy = connect(server, ""); Connection bystander = connect(server, "")) {
                try (Statement s = greedy.createStatement()) {
                    s.execute("CREATE DATABASE oom");
                    s.execute("USE oom");
                    s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                    s.execute("SET SESSION cte_max_recursion_depth = 10000");
                    s.execute("INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                            + " SELECT i FROM n");
                    // 9M distinct strings of 2 KB each: many GB against a 128 MB heap
                    SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
                            "SELECT COUNT(DISTINCT CONCAT(REPEAT('x', 2000), a.id, '-', b.id)) FROM t a, t b"));
                    assertEquals(1041, e.getErrorCode(), e.getMessage());
                    assertEquals(3000, count(s, "SELECT COUNT(*) FROM t"));
                }
                try (Statement s = bystander.createStatement()) {
                    assertEquals(3000, count(s, "SELECT COUNT(*) FROM oom.t"));
                }
                try (Connection late = connect(server, "oom"); Statement s = late.createStatement()) {
                    assertEquals(3000, count(s, "SELECT COUNT(*) FROM t"));
                }
            }
            assertTrue(server.isAlive());
        } finally {
            TempDirs.deleteRecursively(base);
        }
    }

    /**
     * Over the per-statement memory budget (here -Dbasalt.queryMemoryLimit=20 MB) a sort and a hash
     * aggregation spill to temporary files and complete, long before the heap is at risk; what
     * fits still runs in memory.
     */
    @Test
    void overBudgetSortAndAggregationSpillToDisk() throws Exception {
        Path base = Files.createTempDirectory("basalt-budget-");
        try (ExternalBasalt server = new ExternalBasalt(base.resolve("data"), List.of(),
                List.of("-Xmx256m", "-Dbasalt.queryMemoryLimit=20000000", "-Dbasalt.tmpdir=" + base.resolve("tmp")))) {
            server.start();
            try (Connection c = connect(server, ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE budget");
                s.execute("USE budget");
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                s.execute("SET SESSION cte_max_recursion_depth = 10000");
                s.execute("INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        + " SELECT i FROM n");
                // 900,000 rows, sorted from disk: the last is the smallest pair
                assertEquals(1, count(s, "SELECT a.id FROM t a, t b WHERE b.id <= 300"
                        + " ORDER BY a.id DESC, b.id DESC LIMIT 1 OFFSET 899999"));
                assertEquals(900_000, count(s, "SELECT COUNT(*) FROM (SELECT a.id AS x, b.id AS y, COUNT(*) FROM t a, t b"
                        + " WHERE b.id <= 300 GROUP BY a.id, b.id) g"));
                try (var files = Files.list(base.resolve("tmp"))) {
                    assertEquals(0, files.count(), "spill files are deleted");
                }
                // within budget, and a correlated re-sort per outer row does not add up
                assertEquals(3000, count(s, "SELECT COUNT(*) FROM (SELECT id FROM t ORDER BY id DESC) x"));
                assertEquals(3000, count(s, "SELECT COUNT(*) FROM (SELECT id, COUNT(*) FROM t GROUP BY id) x"));
                assertEquals(3000, count(s, "SELECT id FROM t ORDER BY id DESC LIMIT 1"));
            }
        } finally {
            TempDirs.deleteRecursively(base);
        }
    }

    private static Connection connect(ExternalBasalt server, String db) throws SQLException {
        return DriverManager.getConnection(server.mysqlUrl(db), server.user(), server.password());
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
