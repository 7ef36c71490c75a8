package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Isolation behaviour every client relies on; runs against Basalt and, as a reference, MariaDB. */
abstract class ConcurrencyContract {
    static final int THREADS = 8;
    static final int ITERATIONS = 150;

    abstract Endpoint endpoint();

    Connection fresh(String name) throws SQLException {
        String db = "conc_" + name;
        try (Connection c = endpoint().connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        return endpoint().connect(db);
    }

    static boolean isConflict(SQLException e) {
        return e.getErrorCode() == 1213 || "40001".equals(e.getSQLState()) || e.getErrorCode() == 1205;
    }

    static long value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql + " returned no row");
            return rs.getLong(1);
        }
    }

    @Test
    void concurrentAutocommitIncrementsAreNotLost() throws Exception {
        String db;
        try (Connection c = fresh("lost_update"); Statement s = c.createStatement()) {
            db = c.getCatalog();
            s.execute("CREATE TABLE counter (id INT PRIMARY KEY, v BIGINT NOT NULL)");
            s.execute("INSERT INTO counter VALUES (1, 0)");
        }
        AtomicLong retries = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = endpoint().connect(db); Statement s = c.createStatement()) {
                        for (int i = 0; i < ITERATIONS; i++) {
                            while (true) {
                                try {
                                    assertEquals(1, s.executeUpdate("UPDATE counter SET v = v + 1 WHERE id = 1"));
                                    break;
                                } catch (SQLException e) {
                                    if (!isConflict(e)) throw e;
                                    retries.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = endpoint().connect(db); Statement s = c.createStatement()) {
            assertEquals((long) THREADS * ITERATIONS, value(s, "SELECT v FROM counter WHERE id = 1"),
                    "lost updates (" + retries.get() + " conflict retries)");
            s.execute("DROP DATABASE " + db);
        }
    }

    @Test
    void repeatableReadDoesNotSeeLaterCommits() throws Exception {
        try (Connection a = fresh("snapshot"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO t VALUES (1, 10)");
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                sa.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                a.setAutoCommit(false);
                assertEquals(10, value(sa, "SELECT v FROM t WHERE id = 1")); // the snapshot starts here at the latest
                sb.executeUpdate("UPDATE t SET v = 20 WHERE id = 1");
                sb.executeUpdate("INSERT INTO t VALUES (2, 5)");
                assertEquals(10, value(sa, "SELECT v FROM t WHERE id = 1"));
                assertEquals(1, value(sa, "SELECT COUNT(*) FROM t"));
                a.commit();
                assertEquals(20, value(sa, "SELECT v FROM t WHERE id = 1"));
                assertEquals(2, value(sa, "SELECT COUNT(*) FROM t"));
                a.commit();
                a.setAutoCommit(true);
            }
        }
    }
}
