package dev.basalt.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MySQL's thread cache as a client sees it: {@code SET GLOBAL thread_cache_size} and the
 * {@code Threads_cached}, {@code Threads_created} and {@code Threads_connected} status counters,
 * over real connections (MariaDB Connector/J).
 */
class ThreadCacheStatusTest {

    @Test
    void threadCacheSizeBoundsTheIdleThreadsAndTheCountersFollow() throws Exception {
        try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"))) {
            String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/";
            try (Connection admin = DriverManager.getConnection(url, "root", ""); Statement s = admin.createStatement()) {
                try {
                    assertEquals(9, value(s, "SELECT @@global.thread_cache_size"), "MySQL's default for 151 connections");
                    s.execute("SET GLOBAL thread_cache_size = 2");
                    assertEquals(2, value(s, "SELECT @@global.thread_cache_size"));
                    assertTrue(status(s, "Threads_cached") <= 2, "idle threads beyond the new size end at once");

                    long connected = status(s, "Threads_connected");
                    List<Connection> four = new ArrayList<>();
                    for (int i = 0; i < 4; i++) four.add(DriverManager.getConnection(url, "root", ""));
                    assertEquals(connected + 4, status(s, "Threads_connected"));
                    assertEquals(0, status(s, "Threads_cached"), "both cached threads serve connections now");
                    for (Connection c : four) c.close();
                    awaitStatus(s, "Threads_connected", connected);
                    awaitStatus(s, "Threads_cached", 2); // the other two threads ended with their connections

                    long created = status(s, "Threads_created");
                    try (Connection c = DriverManager.getConnection(url, "root", "")) {
                        c.createStatement().execute("DO 1");
                        assertEquals(created, status(s, "Threads_created"), "a cached thread serves a new connection");
                        assertEquals(1, status(s, "Threads_cached"));
                    }
                    awaitStatus(s, "Threads_cached", 2);

                    s.execute("SET GLOBAL thread_cache_size = 0");
                    assertEquals(0, status(s, "Threads_cached"));
                    try (Connection c = DriverManager.getConnection(url, "root", "")) {
                        c.createStatement().execute("DO 1");
                        assertEquals(created + 1, status(s, "Threads_created"), "without a cache every connection makes a thread");
                    }

                    // MySQL's range 0..16384: values outside are stored at the bound
                    s.execute("SET GLOBAL thread_cache_size = -5");
                    assertEquals(0, value(s, "SELECT @@global.thread_cache_size"));
                    s.execute("SET GLOBAL thread_cache_size = 100000");
                    assertEquals(16384, value(s, "SELECT @@global.thread_cache_size"));
                    SQLException session = assertThrows(SQLException.class, () -> s.execute("SET SESSION thread_cache_size = 1"));
                    assertEquals(1229, session.getErrorCode(), session.getMessage());
                } finally {
                    s.execute("SET GLOBAL thread_cache_size = 9"); // the cache is process-wide: leave the default
                }
            }
        }
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

    /** Threads return to the cache (or end) just after their client hung up: waits, generously, for it. */
    private static void awaitStatus(Statement s, String name, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (status(s, name) != expected && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(expected, status(s, name), name);
    }
}
