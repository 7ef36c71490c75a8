package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * pgbench, unmodified: -i (DROP, CREATE TABLE ... WITH (fillfactor), TRUNCATE of four tables in a
 * transaction block, COPY FROM STDIN of 100,000 rows, VACUUM ANALYZE, primary keys) and a short
 * run of the TPC-B-like script in simple query mode. Skipped, saying so, without pgbench.
 */
class PgbenchTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("s3cret", "scram-sha-256");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static String pgbench(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("pgbench", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "root"));
        cmd.addAll(List.of(args));
        cmd.add("postgres");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "s3cret");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "pgbench finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void initialiseAndRun() throws Exception {
        Assumptions.assumeTrue(installed(), "SKIPPED: pgbench is not installed (Debian package postgresql)");
        String init = pgbench("-i", "-s", "1");
        assertTrue(init.contains("done in"), init);
        String run = pgbench("-n", "-t", "200");
        assertTrue(run.contains("number of transactions actually processed: 200/200"), run);
        assertTrue(run.contains("number of failed transactions: 0"), run);
        try (Connection c = DriverManager.getConnection(server.url("postgres"), "root", "s3cret");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT (SELECT count(*) FROM pgbench_accounts), (SELECT count(*) FROM pgbench_history),"
                             + " (SELECT sum(abalance) FROM pgbench_accounts) = (SELECT sum(delta) FROM pgbench_history)")) {
            assertTrue(rs.next());
            assertEquals(100_000, rs.getLong(1));
            assertEquals(200, rs.getLong(2));
            assertTrue(rs.getBoolean(3), "the balances add up to the history");
        }
    }

    private static boolean installed() {
        try {
            Process p = new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && v.contains("pgbench");
        } catch (Exception e) {
            return false;
        }
    }
}
