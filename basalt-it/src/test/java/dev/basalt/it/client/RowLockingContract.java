package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * InnoDB's row locks seen through real client connections: writers and locking reads wait for the
 * holder, time out with 1205, deadlocks end at once with 1213 for one victim, NOWAIT fails at once
 * and SKIP LOCKED hands each worker different rows. Runs against Basalt and MariaDB (InnoDB).
 */
@Timeout(90)
abstract class RowLockingContract {

    abstract Endpoint endpoint();

    /** The error NOWAIT gives: MySQL 8 (and Basalt) 3572; MariaDB reports 1205. */
    abstract int nowaitError();

    Connection fresh(String name) throws SQLException {
        String db = "lk_" + name;
        try (Connection c = endpoint().connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        return endpoint().connect(db);
    }

    static long value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql + " returned no row");
            return rs.getLong(1);
        }
    }

    private static void table(Statement s) throws SQLException {
        s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        s.execute("INSERT INTO t VALUES (1, 0), (2, 0)");
    }

    /** A writer waits for the row's holder and goes on when it commits; no update is lost. */
    @Test
    void aWriterWaitsForTheHolderAndProceedsAfterCommit() throws Exception {
        try (Connection a = fresh("wait"); Statement sa = a.createStatement()) {
            table(sa);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                a.setAutoCommit(false);
                sa.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
                Future<Integer> fb = pool.submit(() -> sb.executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1"));
                assertThrows(TimeoutException.class, () -> fb.get(500, TimeUnit.MILLISECONDS), "b must wait for a's lock");
                a.commit();
                assertEquals(1, fb.get(20, TimeUnit.SECONDS));
                a.setAutoCommit(true);
                assertEquals(11, value(sa, "SELECT v FROM t WHERE id = 1"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Another row is not blocked: locks are per row. */
    @Test
    void otherRowsAreNotBlocked() throws Exception {
        try (Connection a = fresh("other"); Statement sa = a.createStatement()) {
            table(sa);
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                sb.execute("SET SESSION innodb_lock_wait_timeout = 1");
                a.setAutoCommit(false);
                sa.executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
                assertEquals(1, sb.executeUpdate("UPDATE t SET v = 2 WHERE id = 2"));
                a.commit();
                a.setAutoCommit(true);
            }
        }
    }

    /** innodb_lock_wait_timeout ends the wait with 1205; only the statement is rolled back. */
    @Test
    void lockWaitTimesOutWith1205() throws Exception {
        try (Connection a = fresh("timeout"); Statement sa = a.createStatement()) {
            table(sa);
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                sb.execute("SET SESSION innodb_lock_wait_timeout = 1");
                a.setAutoCommit(false);
                b.setAutoCommit(false);
                sa.executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
                assertEquals(1, sb.executeUpdate("UPDATE t SET v = 5 WHERE id = 2"));
                long start = System.nanoTime();
                SQLException e = assertThrows(SQLException.class,
                        () -> sb.executeQuery("SELECT v FROM t WHERE id = 1 FOR UPDATE").close());
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertEquals(1205, e.getErrorCode(), e.getMessage());
                assertTrue(ms >= 900 && ms < 10_000, "waited " + ms + " ms");
                b.commit(); // b's transaction survived the timeout: its earlier update commits
                a.commit();
                a.setAutoCommit(true);
                assertEquals(5, value(sa, "SELECT v FROM t WHERE id = 2"));
            }
        }
    }

    /** Two transactions waiting for each other: one is chosen at once, gets 1213 and is rolled back. */
    @Test
    void aDeadlockVictimGets1213AtOnce() throws Exception {
        try (Connection a = fresh("deadlock"); Statement sa = a.createStatement()) {
            table(sa);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                sa.execute("SET SESSION innodb_lock_wait_timeout = 30");
                sb.execute("SET SESSION innodb_lock_wait_timeout = 30");
                a.setAutoCommit(false);
                b.setAutoCommit(false);
                sa.executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
                sb.executeUpdate("UPDATE t SET v = 2 WHERE id = 2");
                long start = System.nanoTime();
                Future<Boolean> fa = pool.submit(() -> finish(a, sa, "UPDATE t SET v = 1 WHERE id = 2"));
                Thread.sleep(300);
                Future<Boolean> fb = pool.submit(() -> finish(b, sb, "UPDATE t SET v = 2 WHERE id = 1"));
                boolean ca = fa.get(20, TimeUnit.SECONDS);
                boolean cb = fb.get(20, TimeUnit.SECONDS);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ca ^ cb, "exactly one survives: a=" + ca + " b=" + cb);
                assertTrue(ms < 10_000, "detected in " + ms + " ms, not by the 30 s timeout");
                a.setAutoCommit(true);
                long expect = ca ? 1 : 2; // the survivor wrote both rows; the victim's row write was undone
                assertEquals(expect, value(sa, "SELECT v FROM t WHERE id = 1"));
                assertEquals(expect, value(sa, "SELECT v FROM t WHERE id = 2"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Runs the statement and commits: true, or false when it was the deadlock victim (1213). */
    private static boolean finish(Connection c, Statement s, String sql) throws SQLException {
        try {
            s.executeUpdate(sql);
            c.commit();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() != 1213) throw e;
            c.rollback();
            return false;
        }
    }

    /** NOWAIT fails at once instead of waiting. */
    @Test
    void nowaitFailsAtOnce() throws Exception {
        try (Connection a = fresh("nowait"); Statement sa = a.createStatement()) {
            table(sa);
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                sb.execute("SET SESSION innodb_lock_wait_timeout = 20");
                a.setAutoCommit(false);
                b.setAutoCommit(false);
                assertEquals(0, value(sa, "SELECT v FROM t WHERE id = 1 FOR UPDATE"));
                long start = System.nanoTime();
                SQLException e = assertThrows(SQLException.class,
                        () -> sb.executeQuery("SELECT v FROM t WHERE id = 1 FOR UPDATE NOWAIT").close());
                assertEquals(nowaitError(), e.getErrorCode(), e.getMessage());
                assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
                assertEquals(0, value(sb, "SELECT v FROM t WHERE id = 2 FOR UPDATE NOWAIT"));
                b.commit();
                a.commit();
            }
        }
    }

    /** FOR SHARE locks can be held together; a writer waits for them (timeout 1205). */
    @Test
    void sharedLocksCoexistAndBlockWriters() throws Exception {
        try (Connection a = fresh("share"); Statement sa = a.createStatement()) {
            table(sa);
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement();
                 Connection c = endpoint().connect(a.getCatalog()); Statement sc = c.createStatement()) {
                sc.execute("SET SESSION innodb_lock_wait_timeout = 1");
                a.setAutoCommit(false);
                b.setAutoCommit(false);
                assertEquals(0, value(sa, "SELECT v FROM t WHERE id = 1 LOCK IN SHARE MODE"));
                assertEquals(0, value(sb, "SELECT v FROM t WHERE id = 1 LOCK IN SHARE MODE"));
                SQLException e = assertThrows(SQLException.class, () -> sc.executeUpdate("UPDATE t SET v = 9 WHERE id = 1"));
                assertEquals(1205, e.getErrorCode(), e.getMessage());
                a.commit();
                b.commit();
                assertEquals(1, sc.executeUpdate("UPDATE t SET v = 9 WHERE id = 1"));
            }
        }
    }

    /** The job-queue pattern: every worker takes a different pending job with FOR UPDATE SKIP LOCKED. */
    @Test
    void skipLockedHandsEachWorkerADifferentJob() throws Exception {
        int jobs = 40;
        int workers = 4;
        String db;
        try (Connection a = fresh("queue"); Statement sa = a.createStatement()) {
            db = a.getCatalog();
            sa.execute("CREATE TABLE jobs (id INT PRIMARY KEY, done INT NOT NULL, worker INT)");
            StringBuilder sql = new StringBuilder("INSERT INTO jobs VALUES ");
            for (int i = 1; i <= jobs; i++) sql.append(i > 1 ? "," : "").append('(').append(i).append(",0,NULL)");
            sa.execute(sql.toString());
        }
        Set<Integer> taken = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int w = 1; w <= workers; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    int mine = 0;
                    try (Connection c = endpoint().connect(db); Statement s = c.createStatement()) {
                        c.setAutoCommit(false);
                        while (true) {
                            int id;
                            try (ResultSet rs = s.executeQuery(
                                    "SELECT id FROM jobs WHERE done = 0 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")) {
                                if (!rs.next()) {
                                    c.commit();
                                    return mine;
                                }
                                id = rs.getInt(1);
                            }
                            assertTrue(taken.add(id), "job " + id + " handed out twice");
                            assertEquals(1, s.executeUpdate("UPDATE jobs SET done = 1, worker = " + worker + " WHERE id = " + id));
                            Thread.sleep(5); // hold the lock a little, as real work would
                            c.commit();
                            mine++;
                        }
                    }
                }));
            }
            int total = 0;
            Set<Integer> busy = new HashSet<>();
            for (int i = 0; i < futures.size(); i++) {
                int n = futures.get(i).get(60, TimeUnit.SECONDS);
                total += n;
                if (n > 0) busy.add(i);
            }
            assertEquals(jobs, total);
            assertFalse(busy.isEmpty());
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = endpoint().connect(db); Statement s = c.createStatement()) {
            assertEquals(jobs, value(s, "SELECT COUNT(*) FROM jobs WHERE done = 1"));
        }
    }

    /** Read-modify-write with SELECT ... FOR UPDATE loses no update at READ COMMITTED or REPEATABLE READ. */
    @Test
    void selectForUpdateCountersLoseNoUpdate() throws Exception {
        for (String level : new String[] {"REPEATABLE READ", "READ COMMITTED"}) {
            String db;
            try (Connection a = fresh("counter"); Statement sa = a.createStatement()) {
                db = a.getCatalog();
                table(sa);
            }
            int threads = 4;
            int iterations = 25;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < threads; w++) {
                    futures.add(pool.submit(() -> {
                        try (Connection c = endpoint().connect(db); Statement s = c.createStatement()) {
                            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL " + level);
                            c.setAutoCommit(false);
                            for (int i = 0; i < iterations; i++) {
                                while (true) {
                                    try {
                                        long v = value(s, "SELECT v FROM t WHERE id = 1 FOR UPDATE");
                                        s.executeUpdate("UPDATE t SET v = " + (v + 1) + " WHERE id = 1");
                                        c.commit();
                                        break;
                                    } catch (SQLException e) {
                                        if (e.getErrorCode() != 1213) throw e;
                                        c.rollback(); // a stale read or a deadlock: retry, as applications do
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = endpoint().connect(db); Statement s = c.createStatement()) {
                assertEquals(threads * iterations, value(s, "SELECT v FROM t WHERE id = 1"), level);
            }
        }
    }

    /** A child insert locks its parent row: deleting the parent waits (1205 here), then fails with 1451. */
    @Test
    void aChildInsertLocksItsParent() throws Exception {
        try (Connection a = fresh("fk"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE p (id INT PRIMARY KEY) ENGINE=InnoDB");
            sa.execute("CREATE TABLE c (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id)) ENGINE=InnoDB");
            sa.execute("INSERT INTO p VALUES (1)");
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                sb.execute("SET SESSION innodb_lock_wait_timeout = 1");
                a.setAutoCommit(false);
                sa.executeUpdate("INSERT INTO c VALUES (1, 1)");
                SQLException e = assertThrows(SQLException.class, () -> sb.executeUpdate("DELETE FROM p WHERE id = 1"));
                assertEquals(1205, e.getErrorCode(), e.getMessage());
                a.commit();
                a.setAutoCommit(true);
                e = assertThrows(SQLException.class, () -> sb.executeUpdate("DELETE FROM p WHERE id = 1"));
                assertEquals(1451, e.getErrorCode(), e.getMessage());
                assertEquals(1, value(sa, "SELECT COUNT(*) FROM c"));
            }
        }
    }
}
