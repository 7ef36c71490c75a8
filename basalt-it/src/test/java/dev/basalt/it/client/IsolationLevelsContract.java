package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What each isolation level guarantees, seen through two real client connections. Runs against
 * Basalt and, as the reference, MariaDB (InnoDB); the assertions are the ones both must satisfy.
 */
@Timeout(60)
abstract class IsolationLevelsContract {

    abstract Endpoint endpoint();

    Connection fresh(String name) throws SQLException {
        String db = "iso_" + name;
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

    static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql + " returned no row");
            return rs.getString(1);
        }
    }

    /** @@transaction_isolation (MySQL 8, Basalt); older MariaDB only knows @@tx_isolation. */
    static String sessionLevel(Statement s) throws SQLException {
        try {
            return text(s, "SELECT @@SESSION.transaction_isolation");
        } catch (SQLException e) {
            if (e.getErrorCode() != 1193) throw e;
            return text(s, "SELECT @@SESSION.tx_isolation");
        }
    }

    /** READ COMMITTED and READ UNCOMMITTED: each statement sees what was committed before it. */
    @Test
    void readCommittedSeesLaterCommitsInsideTheTransaction() throws Exception {
        for (String level : new String[] {"READ COMMITTED", "READ UNCOMMITTED"}) {
            try (Connection a = fresh("rc"); Statement sa = a.createStatement()) {
                sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
                sa.execute("INSERT INTO t VALUES (1, 10)");
                try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                    sa.execute("SET SESSION TRANSACTION ISOLATION LEVEL " + level);
                    a.setAutoCommit(false);
                    assertEquals(10, value(sa, "SELECT v FROM t WHERE id = 1"), level);
                    sb.executeUpdate("UPDATE t SET v = 20 WHERE id = 1");
                    sb.executeUpdate("INSERT INTO t VALUES (2, 5)");
                    assertEquals(20, value(sa, "SELECT v FROM t WHERE id = 1"), level);
                    assertEquals(2, value(sa, "SELECT COUNT(*) FROM t"), level);
                    // its own writes stay visible across the per-statement snapshots
                    sa.executeUpdate("INSERT INTO t VALUES (3, 1)");
                    assertEquals(3, value(sa, "SELECT COUNT(*) FROM t"), level);
                    a.rollback();
                    assertEquals(2, value(sa, "SELECT COUNT(*) FROM t"), level);
                    a.setAutoCommit(true);
                }
            }
        }
    }

    /** The level in force when a transaction starts is its level; a later SET waits for the next one. */
    @Test
    void aLevelChangeAppliesFromTheNextTransaction() throws Exception {
        try (Connection a = fresh("next"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO t VALUES (1, 10)");
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                sa.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
                sa.execute("START TRANSACTION");
                assertEquals(10, value(sa, "SELECT v FROM t WHERE id = 1"));
                sb.executeUpdate("UPDATE t SET v = 20 WHERE id = 1");
                assertEquals(20, value(sa, "SELECT v FROM t WHERE id = 1"));
                sa.execute("COMMIT");
                sa.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                sa.execute("START TRANSACTION");
                assertEquals(20, value(sa, "SELECT v FROM t WHERE id = 1"));
                sb.executeUpdate("UPDATE t SET v = 30 WHERE id = 1");
                assertEquals(20, value(sa, "SELECT v FROM t WHERE id = 1"));
                sa.execute("COMMIT");
                assertEquals(30, value(sa, "SELECT v FROM t WHERE id = 1"));
            }
        }
    }

    /** REPEATABLE READ lets write skew through (plain reads take no locks), as in InnoDB. */
    @Test
    void repeatableReadAllowsWriteSkew() throws Exception {
        try (Connection a = fresh("skew_rr"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE oncall (id INT PRIMARY KEY, on_call INT)");
            sa.execute("INSERT INTO oncall VALUES (1, 1), (2, 1)");
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                a.setAutoCommit(false);
                b.setAutoCommit(false);
                assertEquals(2, value(sa, "SELECT SUM(on_call) FROM oncall"));
                assertEquals(2, value(sb, "SELECT SUM(on_call) FROM oncall"));
                sa.executeUpdate("UPDATE oncall SET on_call = 0 WHERE id = 1");
                sb.executeUpdate("UPDATE oncall SET on_call = 0 WHERE id = 2");
                a.commit();
                b.commit();
                a.setAutoCommit(true);
                assertEquals(0, value(sa, "SELECT SUM(on_call) FROM oncall"));
            }
        }
    }

    /**
     * SERIALIZABLE: plain reads in a transaction lock what they read, so the same write skew cannot
     * commit twice: one of the two transactions gets 1213 (InnoDB: a deadlock while the second
     * update waits; Basalt: at the losing COMMIT) and the invariant holds.
     */
    @Test
    void serializablePreventsWriteSkew() throws Exception {
        String db;
        try (Connection a = fresh("skew_ser"); Statement sa = a.createStatement()) {
            db = a.getCatalog();
            sa.execute("CREATE TABLE oncall (id INT PRIMARY KEY, on_call INT)");
            sa.execute("INSERT INTO oncall VALUES (1, 1), (2, 1)");
        }
        try (Connection a = endpoint().connect(db); Connection b = endpoint().connect(db);
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            for (Statement s : new Statement[] {sa, sb}) {
                s.execute("SET SESSION innodb_lock_wait_timeout = 10");
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            }
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertEquals(2, value(sa, "SELECT SUM(on_call) FROM oncall"));
            assertEquals(2, value(sb, "SELECT SUM(on_call) FROM oncall"));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> fa = pool.submit(() -> goOffCall(a, sa, 1));
                Thread.sleep(200); // let a's update start first (on InnoDB it waits for b's shared lock)
                Future<Boolean> fb = pool.submit(() -> goOffCall(b, sb, 2));
                boolean ca = fa.get(30, TimeUnit.SECONDS);
                boolean cb = fb.get(30, TimeUnit.SECONDS);
                assertTrue(ca ^ cb, "exactly one commits: a=" + ca + " b=" + cb);
            } finally {
                pool.shutdownNow();
            }
            a.setAutoCommit(true);
            assertEquals(1, value(sa, "SELECT SUM(on_call) FROM oncall"));
        }
    }

    /** True when the transaction committed, false when it lost with 1213 and was rolled back. */
    private static boolean goOffCall(Connection c, Statement s, int id) throws SQLException {
        try {
            s.executeUpdate("UPDATE oncall SET on_call = 0 WHERE id = " + id);
            c.commit();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() != 1213) throw e;
            c.rollback();
            return false;
        }
    }

    /** Autocommit SELECTs stay consistent reads under SERIALIZABLE: they neither lock nor fail. */
    @Test
    void serializableAutocommitReadsDoNotConflict() throws Exception {
        try (Connection a = fresh("ser_auto"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO t VALUES (1, 10)");
            sa.execute("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                assertEquals(10, value(sa, "SELECT v FROM t WHERE id = 1"));
                sb.executeUpdate("UPDATE t SET v = 11 WHERE id = 1");
                assertEquals(11, value(sa, "SELECT v FROM t WHERE id = 1"));
            }
        }
    }

    /** START TRANSACTION READ ONLY refuses writes with 1792 / 25006 and keeps the transaction open. */
    @Test
    void readOnlyTransactionRefusesWrites() throws Exception {
        try (Connection a = fresh("ro"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            sa.execute("START TRANSACTION READ ONLY");
            SQLException e = assertThrows(SQLException.class, () -> sa.executeUpdate("INSERT INTO t VALUES (1)"));
            assertEquals(1792, e.getErrorCode(), e.getMessage());
            assertEquals("25006", e.getSQLState());
            assertEquals(0, value(sa, "SELECT COUNT(*) FROM t"));
            sa.execute("COMMIT");
            sa.execute("START TRANSACTION READ WRITE");
            assertEquals(1, sa.executeUpdate("INSERT INTO t VALUES (1)"));
            sa.execute("COMMIT");
            assertEquals(1, value(sa, "SELECT COUNT(*) FROM t"));
        }
    }

    /** Connection.setTransactionIsolation works for every level with both drivers and is what the server reports. */
    @Test
    void jdbcSetTransactionIsolationWorksForEveryLevel() throws Exception {
        int[] levels = {Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
            Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE};
        String[] names = {"READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE"};
        for (Driver driver : Driver.values()) {
            try (Connection c = driver.connect(endpoint(), ""); Statement s = c.createStatement()) {
                for (int i = 0; i < levels.length; i++) {
                    c.setTransactionIsolation(levels[i]);
                    assertEquals(levels[i], c.getTransactionIsolation(), driver + " " + names[i]);
                    assertEquals(names[i], sessionLevel(s), driver + " " + names[i]);
                    c.setAutoCommit(false);
                    assertEquals(1, value(s, "SELECT 1"));
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
        }
    }
}
