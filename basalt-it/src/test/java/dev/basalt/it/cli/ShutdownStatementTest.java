package dev.basalt.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.ExternalBasalt;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * MySQL 8's SHUTDOWN statement and mysqladmin's shutdown, through the real clients: without the
 * SHUTDOWN privilege 1227 and the server keeps serving; with it the server stops as on SIGTERM
 * (connections drained, exit 0) and what was committed is there after a restart.
 */
@Timeout(300)
class ShutdownStatementTest {

    @TempDir
    Path dir;

    @Test
    void shutdownNeedsThePrivilegeAndStopsTheServerCleanly() throws Exception {
        try (ExternalBasalt server = new ExternalBasalt(dir.resolve("data"), List.of())) {
            server.start();
            try (Connection root = server.connect(""); Statement s = root.createStatement()) {
                s.execute("CREATE DATABASE kept");
                s.execute("CREATE TABLE kept.t (id INT PRIMARY KEY)");
                s.execute("INSERT INTO kept.t VALUES (1), (2)");
                s.execute("CREATE USER 'plain'@'%' IDENTIFIED BY 'pw'");
                s.execute("GRANT SELECT ON *.* TO 'plain'@'%'");
            }
            String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/";
            try (Connection plain = DriverManager.getConnection(url, "plain", "pw"); Statement s = plain.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute("SHUTDOWN"));
                assertEquals(1227, e.getErrorCode());
                assertEquals("42000", e.getSQLState());
                assertTrue(e.getMessage().contains("SHUTDOWN privilege"), e.getMessage());
            }
            assertTrue(server.isAlive(), "a refused SHUTDOWN leaves the server up");

            Process admin = new ProcessBuilder("mariadb-admin", "-h127.0.0.1", "-P" + server.port(), "-uroot", "shutdown")
                    .redirectErrorStream(true).start();
            String said = new String(admin.getInputStream().readAllBytes());
            assertTrue(admin.waitFor(60, TimeUnit.SECONDS), "mariadb-admin did not finish");
            assertEquals(0, admin.exitValue(), "mariadb-admin shutdown: " + said);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (server.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
            assertFalse(server.isAlive(), "the server is still running after SHUTDOWN");
            String log = Files.readString(server.log());
            assertTrue(log.contains("Basalt stopped cleanly (SHUTDOWN statement)"), log);

            server.start();
            try (Connection root = server.connect(""); Statement s = root.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kept.t")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getLong(1));
                s.execute("CREATE TABLE kept.shutdown (shutdown INT)"); // still usable as a name
            }
        }
    }
}
