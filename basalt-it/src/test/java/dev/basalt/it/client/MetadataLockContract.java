package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Metadata locks of sessions without LOCK TABLES, through real client connections: a transaction
 * that used a table keeps ALTER / DROP / TRUNCATE / RENAME of it waiting until it ends ("Waiting
 * for table metadata lock", 1205 after lock_wait_timeout), and a waiting DDL makes new readers of
 * the table wait behind it. Runs against Basalt and MariaDB.
 */
@Timeout(60)
abstract class MetadataLockContract {

    abstract Endpoint endpoint();

    Connection fresh(String name) throws SQLException {
        String db = "mdl_" + name;
        try (Connection c = endpoint().connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
            s.execute("CREATE TABLE " + db + ".t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
            s.execute("INSERT INTO " + db + ".t VALUES (1, 10), (2, 20)");
        }
        return endpoint().connect(db);
    }

    /** A transaction that has read the table (its first statement, so its metadata lock is held). */
    static Statement readingTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        Statement s = c.createStatement();
        RowLockingContract.value(s, "SELECT COUNT(*) FROM t");
        return s;
    }

    static Future<Boolean> run(ExecutorService pool, Connection c, String sql) {
        return pool.submit(() -> {
            try (Statement s = c.createStatement()) {
                return s.execute(sql);
            }
        });
    }

    static void stillWaiting(Future<?> f, String what) {
        assertThrows(TimeoutException.class, () -> f.get(400, TimeUnit.MILLISECONDS), what + " must wait");
    }

    /** The state of {@code connectionId} once it shows {@code expected} (see {@link TableLocksContract#awaitState}). */
    static String awaitState(Connection observer, long connectionId, String expected) throws Exception {
        try (Statement s = observer.createStatement()) {
            return TableLocksContract.awaitState(s, connectionId, expected);
        }
    }

    @Test
    void alterWaitsForATransactionThatReadTheTable() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("alter"); Connection b = endpoint().connect(a.getCatalog());
             Connection c = endpoint().connect(a.getCatalog())) {
            readingTransaction(a);
            long idB = RowLockingContract.value(b.createStatement(), "SELECT CONNECTION_ID()");
            Future<Boolean> alter = run(pool, b, "ALTER TABLE t ADD COLUMN w INT");
            stillWaiting(alter, "ALTER TABLE");
            assertEquals("Waiting for table metadata lock", awaitState(c, idB, "Waiting for table metadata lock"));
            a.commit();
            alter.get(20, TimeUnit.SECONDS);
            assertEquals(0, RowLockingContract.value(c.createStatement(), "SELECT COUNT(w) FROM t"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dropWaitsForATransactionThatWroteTheTableAndTimesOut() throws Exception {
        try (Connection a = fresh("drop"); Connection b = endpoint().connect(a.getCatalog())) {
            a.setAutoCommit(false);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("UPDATE t SET v = 0 WHERE id = 1");
            }
            try (Statement sb = b.createStatement()) {
                sb.execute("SET SESSION lock_wait_timeout = 1");
                SQLException e = assertThrows(SQLException.class, () -> sb.execute("DROP TABLE t"));
                assertEquals(1205, e.getErrorCode(), e.getMessage());
                e = assertThrows(SQLException.class, () -> sb.execute("TRUNCATE TABLE t"));
                assertEquals(1205, e.getErrorCode(), e.getMessage());
                e = assertThrows(SQLException.class, () -> sb.execute("RENAME TABLE t TO t2"));
                assertEquals(1205, e.getErrorCode(), e.getMessage());
            }
            a.commit();
            try (Statement sb = b.createStatement()) {
                sb.execute("RENAME TABLE t TO t2");
                assertEquals(2, RowLockingContract.value(sb, "SELECT COUNT(*) FROM t2"));
            }
        }
    }

    @Test
    void aWaitingDdlMakesNewReadersWait() throws Exception {
        ExecutorService ddlPool = Executors.newSingleThreadExecutor();
        ExecutorService readerPool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("queue"); Connection b = endpoint().connect(a.getCatalog());
             Connection c = endpoint().connect(a.getCatalog())) {
            readingTransaction(a);
            Future<Boolean> truncate = run(ddlPool, b, "TRUNCATE TABLE t");
            stillWaiting(truncate, "TRUNCATE TABLE");
            Future<Long> reader = readerPool.submit(() -> RowLockingContract.value(c.createStatement(), "SELECT COUNT(*) FROM t"));
            stillWaiting(reader, "a new reader behind the waiting TRUNCATE");
            // the transaction that holds the table is not stopped by the DDL waiting for it
            assertEquals(2, RowLockingContract.value(a.createStatement(), "SELECT COUNT(*) FROM t"));
            a.commit();
            truncate.get(20, TimeUnit.SECONDS);
            assertEquals(0, reader.get(20, TimeUnit.SECONDS));
        } finally {
            ddlPool.shutdownNow();
            readerPool.shutdownNow();
        }
    }

    @Test
    void ddlOfTheSameSessionDoesNotWaitForItself() throws Exception {
        try (Connection a = fresh("self")) {
            Statement sa = readingTransaction(a);
            sa.execute("ALTER TABLE t ADD COLUMN w INT"); // commits the transaction first, as MySQL does
            a.setAutoCommit(true);
            assertEquals(2, RowLockingContract.value(sa, "SELECT COUNT(*) FROM t WHERE w IS NULL"));
        }
    }

    @Test
    void aFinishedTransactionHoldsNothing() throws Exception {
        try (Connection a = fresh("done"); Connection b = endpoint().connect(a.getCatalog())) {
            readingTransaction(a);
            a.rollback();
            try (Statement sb = b.createStatement()) {
                sb.execute("SET SESSION lock_wait_timeout = 1");
                sb.execute("ALTER TABLE t ADD COLUMN w INT");
            }
        }
    }

    @Test
    void waitingDdlEndsOnErrorWithoutLeavingLocks() throws Exception {
        try (Connection a = fresh("timeout"); Connection b = endpoint().connect(a.getCatalog());
             Connection c = endpoint().connect(a.getCatalog())) {
            readingTransaction(a);
            try (Statement sb = b.createStatement()) {
                sb.execute("SET SESSION lock_wait_timeout = 1");
                SQLException e = assertThrows(SQLException.class, () -> sb.execute("ALTER TABLE t ADD COLUMN w INT"));
                assertEquals(1205, e.getErrorCode(), e.getMessage());
            }
            // the DDL gave up: readers and writers of other sessions go on at once
            try (Statement sc = c.createStatement()) {
                assertEquals(1, sc.executeUpdate("UPDATE t SET v = 1 WHERE id = 2"));
            }
            a.commit();
        }
    }
    /** A transaction that needs a table a DDL holds, while that DDL waits for the transaction, is the deadlock victim. */
    @Test
    void aTransactionWaitingForADdlThatWaitsForItIsTheDeadlockVictim() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("deadlock"); Connection b = endpoint().connect(a.getCatalog())) {
            try (Statement sa = a.createStatement()) {
                sa.execute("CREATE TABLE s (id INT PRIMARY KEY) ENGINE=InnoDB");
                sa.execute("INSERT INTO s VALUES (1)");
            }
            Statement sa = readingTransaction(a);
            Future<Boolean> rename = run(pool, b, "RENAME TABLE s TO s2, t TO t2");
            stillWaiting(rename, "RENAME TABLE");
            SQLException e = assertThrows(SQLException.class, () -> RowLockingContract.value(sa, "SELECT COUNT(*) FROM s"));
            assertEquals(1213, e.getErrorCode(), e.getMessage());
            a.rollback();
            rename.get(20, TimeUnit.SECONDS);
            a.setAutoCommit(true);
            assertEquals(1, RowLockingContract.value(sa, "SELECT COUNT(*) FROM s2"));
        } finally {
            pool.shutdownNow();
        }
    }
}
