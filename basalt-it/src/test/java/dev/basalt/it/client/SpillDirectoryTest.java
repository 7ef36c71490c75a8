package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server started with {@code --tmpdir}: spill files an earlier, dead process left there are
 * removed at start (a live process's stay), {@code @@tmpdir} names the directory, and under a small
 * global memory limit (-Dbasalt.globalMemoryLimit, heap -Xmx256m) several big statements at once
 * spill and answer while another client keeps being served.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SpillDirectoryTest {

    @Test
    void leftoversRemovedAtStartAndConcurrentBigStatementsUnderTheGlobalLimit() throws Exception {
        Path base = Files.createTempDirectory("basalt-tmpdir-");
        Path tmp = Files.createDirectories(base.resolve("spill"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path leftover = Files.writeString(tmp.resolve("basalt-spill-" + gone.pid() + "-123.tmp"), "old rows");
        Path live = Files.writeString(tmp.resolve("basalt-spill-" + ProcessHandle.current().pid() + "-456.tmp"), "in use");
        Path other = Files.writeString(tmp.resolve("notes.txt"), "not ours");
        try (ExternalBasalt server = new ExternalBasalt(base.resolve("data"), List.of("--tmpdir", tmp.toString()),
                List.of("-Xmx256m", "-Dbasalt.globalMemoryLimit=4000000", "-Dbasalt.queryMemoryLimit=100000000"))) {
            server.start();
            assertFalse(Files.exists(leftover), "a dead process's spill file is removed");
            assertTrue(Files.exists(live), "a live process's spill file stays");
            assertTrue(Files.exists(other));
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                assertEquals(tmp.toString(), string(s, "SELECT @@tmpdir"));
                s.execute("CREATE DATABASE sp");
                s.execute("CREATE TABLE sp.t (id INT PRIMARY KEY, k INT)");
                s.execute("SET SESSION cte_max_recursion_depth = 10000");
                s.execute("INSERT INTO sp.t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                        + " SELECT i, i % 1000 FROM n");
            }
            String[] big = {
                "SELECT COUNT(*) FROM (SELECT a.id * 10000 + b.id AS g, COUNT(*) FROM sp.t a, sp.t b WHERE b.id <= 200 GROUP BY g) x",
                "SELECT COUNT(*) FROM sp.t a JOIN (SELECT k, id FROM sp.t, (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) r) b ON a.k = b.k",
                "SELECT COUNT(*) FROM (SELECT a.id, b.id AS y FROM sp.t a, sp.t b WHERE b.id <= 200 ORDER BY b.id DESC, a.id) x",
                "SELECT MAX(rn) FROM (SELECT ROW_NUMBER() OVER (ORDER BY b.id, a.id) AS rn FROM sp.t a, sp.t b WHERE b.id <= 100) x",
            };
            long[] expected = {600_000, 27_000, 600_000, 300_000};
            List<CompletableFuture<Long>> runs = new ArrayList<>();
            for (String sql : big) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try (Connection c = connect(server); Statement s = c.createStatement()) {
                        return Long.parseLong(string(s, sql));
                    } catch (SQLException e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            int answered = 0;
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                while (!CompletableFuture.allOf(runs.toArray(new CompletableFuture[0])).isDone()) {
                    assertEquals("3000", string(s, "SELECT COUNT(*) FROM sp.t"));
                    answered++;
                    Thread.sleep(50);
                }
                for (int i = 0; i < big.length; i++) assertEquals(expected[i], runs.get(i).get(), big[i]);
                assertTrue(answered > 0);
                try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Basalt_memory_used'")) {
                    assertTrue(rs.next());
                    assertEquals("0", rs.getString(2), "every statement gave its memory back");
                }
            }
            try (var files = Files.list(tmp)) {
                assertEquals(2, files.count(), "only the live process's file and the unrelated one remain");
            }
            assertTrue(server.isAlive());
        } finally {
            TempDirs.deleteRecursively(base);
        }
    }

    private static Connection connect(ExternalBasalt server) throws SQLException {
        return DriverManager.getConnection(server.mysqlUrl(""), server.user(), server.password());
    }

    private static String string(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
