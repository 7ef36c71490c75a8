package dev.basalt.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.session.TextPlanCacheStats;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The text plan cache behind PostgreSQL's simple query (pgjdbc preferQueryMode=simple: literal SQL
 * each time, as pgbench's default TPC-B script): the same shapes with other literals read and write
 * the right rows, and the engine serves them from the cache (Basalt_text_plan_cache_hits grows).
 */
class PgTextPlanCacheTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("s3cret", "scram-sha-256");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "s3cret");
        return DriverManager.getConnection(server.url("postgres") + "?preferQueryMode=simple", p);
    }

    private static long hits() { return Long.parseLong(TextPlanCacheStats.snapshot().get("Basalt_text_plan_cache_hits")); }

    @Test
    void tpcbShapesWithOtherLiterals() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS acc");
            s.execute("CREATE TABLE acc (aid INT PRIMARY KEY, bal INT NOT NULL, note TEXT)");
            s.execute("INSERT INTO acc VALUES (1, 0, 'a'), (2, 0, 'b'), (3, 0, 'c')");
            long before = hits();
            int[] deltas = {5, -7, 11, -2, 3, -4};
            int[] expected = new int[4];
            for (int i = 0; i < deltas.length; i++) {
                int aid = i % 3 + 1;
                expected[aid] += deltas[i];
                s.execute("BEGIN");
                s.executeUpdate("UPDATE acc SET bal = bal + " + deltas[i] + " WHERE aid = " + aid);
                try (ResultSet rs = s.executeQuery("SELECT bal FROM acc WHERE aid = " + aid)) {
                    assertTrue(rs.next());
                    assertEquals(expected[aid], rs.getInt(1));
                }
                s.executeUpdate("INSERT INTO acc (aid, bal, note) VALUES (" + (100 + i) + ", " + deltas[i] + ", 'it''s " + i + "')");
                s.execute("END");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(bal) FROM acc WHERE aid >= 100")) {
                assertTrue(rs.next());
                assertEquals(6, rs.getInt(1));
                assertEquals(6, rs.getInt(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT note FROM acc WHERE aid = 104")) {
                assertTrue(rs.next());
                assertEquals("it's 4", rs.getString(1));
            }
            // 18 statements of 5 shapes (a negative literal is "- ?", a shape of its own): 13 ran from the cache
            assertTrue(hits() - before >= 13, "hits: " + (hits() - before));
        }
    }
}
