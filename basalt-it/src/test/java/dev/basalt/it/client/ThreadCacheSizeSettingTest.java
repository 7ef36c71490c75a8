package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.it.support.ExternalBasalt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * thread_cache_size as a start-up setting (a flag here, a basalt.yaml key likewise): the server
 * process starts with that cache, {@code @@global.thread_cache_size} shows it, and at most that
 * many threads stay cached after connections end (Connector/J clients, the status counters).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ThreadCacheSizeSettingTest {

    @Test
    void theFlagSizesTheCacheFromStart() throws Exception {
        Path base = Files.createTempDirectory("basalt-thread-cache-");
        try (ExternalBasalt server = new ExternalBasalt(base.resolve("data"), List.of("--thread-cache-size", "2"))) {
            server.start();
            String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/";
            try (Connection admin = DriverManager.getConnection(url, "root", ""); Statement s = admin.createStatement()) {
                assertEquals(2, value(s, "SELECT @@global.thread_cache_size"));
                List<Connection> five = new ArrayList<>();
                for (int i = 0; i < 5; i++) five.add(DriverManager.getConnection(url, "root", ""));
                for (Connection c : five) c.close();
                awaitStatus(s, "Threads_cached", 2); // not 5: the other three threads end with their connections
                long created = status(s, "Threads_created");
                try (Connection c = DriverManager.getConnection(url, "root", "")) {
                    c.createStatement().execute("DO 1");
                    assertEquals(created, status(s, "Threads_created"), "a cached thread serves the new connection");
                }
                s.execute("SET GLOBAL thread_cache_size = 0"); // SET GLOBAL still changes it later
                assertEquals(0, status(s, "Threads_cached"));
            }
        }
    }

    @Test
    void anOutOfRangeValueIsRefusedAtStart() throws Exception {
        Path base = Files.createTempDirectory("basalt-thread-cache-bad-");
        ExternalBasalt server = new ExternalBasalt(base.resolve("data"), List.of("--thread-cache-size", "20000"));
        try (server) {
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, server::start);
        }
        String log = Files.readString(server.log());
        org.junit.jupiter.api.Assertions.assertTrue(log.contains("thread-cache-size") && log.contains("0 to 16384"), log);
    }

    private static long value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long status(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    /** Threads end or get cached just after their connection closes: wait for the state, generously. */
    private static void awaitStatus(Statement s, String name, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long now;
        while ((now = status(s, name)) != expected) {
            if (System.nanoTime() > deadline) assertEquals(expected, now, name);
            Thread.sleep(20);
        }
    }
}
