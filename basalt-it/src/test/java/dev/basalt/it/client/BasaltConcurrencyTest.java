package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MemoryServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Isolation on Basalt, plus its rules for writes over a concurrent commit: UPDATE reads the latest
 * version (as InnoDB; see CurrentReadContract), while an INSERT of a key another transaction
 * committed after the snapshot gets 1213 / 40001 (InnoDB's current read would give 1062).
 */
class BasaltConcurrencyTest extends ConcurrencyContract {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Override
    Endpoint endpoint() {
        return server;
    }

    @Test
    void anUpdateOverAConcurrentCommitReadsTheLatestVersion() throws Exception {
        try (Connection a = fresh("fcw"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO t VALUES (1, 0)");
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                a.setAutoCommit(false);
                b.setAutoCommit(false);
                assertEquals(0, value(sa, "SELECT v FROM t WHERE id = 1"));
                assertEquals(0, value(sb, "SELECT v FROM t WHERE id = 1"));
                sa.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
                a.commit();
                // b's snapshot predates a's commit: its UPDATE works on a's version (current read)
                assertEquals(1, sb.executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1"));
                b.commit();
                a.setAutoCommit(true);
                b.setAutoCommit(true);
                assertEquals(11, value(sb, "SELECT v FROM t WHERE id = 1"));
            }
        }
    }

    /**
     * An INSERT of a key another transaction committed after this one's snapshot is a duplicate
     * (1062, InnoDB's duplicate check reads the latest version); only the statement fails, the
     * transaction goes on.
     */
    @Test
    void aStaleInsertIsADuplicateAndTheTransactionGoesOn() throws Exception {
        try (Connection a = fresh("stale"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO t VALUES (1, 0)");
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                sa.execute("START TRANSACTION");
                sa.executeUpdate("INSERT INTO t VALUES (2, 0)");
                assertEquals(0, value(sa, "SELECT v FROM t WHERE id = 1"));
                sb.executeUpdate("INSERT INTO t VALUES (3, 5)");
                sb.executeUpdate("UPDATE t SET v = 5 WHERE id = 1");
                SQLException e = assertThrows(SQLException.class, () -> sa.executeUpdate("INSERT INTO t VALUES (3, 0)"));
                assertEquals(1062, e.getErrorCode(), e.getMessage());
                assertEquals(2, value(sa, "SELECT COUNT(*) FROM t"), "the snapshot and the own insert");
                assertEquals(3, value(sa, "SELECT COUNT(*) FROM t FOR UPDATE"), "the latest rows");
                sa.execute("COMMIT");
                assertEquals(5, value(sa, "SELECT v FROM t WHERE id = 1 FOR UPDATE"));
                assertEquals(3, value(sa, "SELECT COUNT(*) FROM t"));
            }
        }
    }

    /** KILL QUERY ends a row-lock wait with 1317; the transaction stays open. */
    @Test
    void killQueryEndsALockWait() throws Exception {
        try (Connection a = fresh("killwait"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO t VALUES (1, 0)");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                long idB = value(sb, "SELECT CONNECTION_ID()");
                a.setAutoCommit(false);
                sa.executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
                var waiting = pool.submit(() -> sb.executeUpdate("UPDATE t SET v = 2 WHERE id = 1"));
                Thread.sleep(300);
                try (Connection k = endpoint().connect(a.getCatalog()); Statement sk = k.createStatement()) {
                    sk.execute("KILL QUERY " + idB);
                }
                var e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> waiting.get(10, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(1317, ((SQLException) e.getCause()).getErrorCode(), e.getCause().getMessage());
                a.commit();
                a.setAutoCommit(true);
                assertEquals(1, value(sb, "SELECT v FROM t WHERE id = 1"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** performance_schema.data_locks / data_lock_waits show a held record lock and a transaction waiting for it. */
    @Test
    void dataLocksShowHoldersAndWaiters() throws Exception {
        try (Connection a = fresh("datalocks"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO t VALUES (1, 0)");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement();
                 Connection c = endpoint().connect(a.getCatalog()); Statement sc = c.createStatement()) {
                long idA = value(sa, "SELECT CONNECTION_ID()");
                long idB = value(sb, "SELECT CONNECTION_ID()");
                a.setAutoCommit(false);
                b.setAutoCommit(false);
                assertEquals(0, value(sa, "SELECT v FROM t WHERE id = 1 FOR UPDATE"));
                var waiting = pool.submit(() -> sb.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1"));
                String q = "SELECT COUNT(*) FROM performance_schema.data_locks WHERE OBJECT_NAME = 't' AND INDEX_NAME = 'PRIMARY'"
                        + " AND LOCK_TYPE = 'RECORD' AND LOCK_MODE = 'X,REC_NOT_GAP' AND ";
                long deadline = System.currentTimeMillis() + 10_000;
                while (value(sc, q + "LOCK_STATUS = 'WAITING' AND THREAD_ID = " + idB) == 0) {
                    if (System.currentTimeMillis() > deadline) throw new AssertionError("b never shows as waiting");
                    Thread.sleep(50);
                }
                assertEquals(1, value(sc, q + "LOCK_STATUS = 'GRANTED' AND THREAD_ID = " + idA));
                assertEquals(1, value(sc, "SELECT COUNT(*) FROM performance_schema.data_lock_waits WHERE REQUESTING_THREAD_ID = "
                        + idB + " AND BLOCKING_THREAD_ID = " + idA));
                a.commit();
                assertEquals(1, waiting.get(10, java.util.concurrent.TimeUnit.SECONDS));
                b.commit();
                assertEquals(0, value(sc, "SELECT COUNT(*) FROM performance_schema.data_lock_waits"));
                assertEquals(0, value(sc, "SELECT COUNT(*) FROM performance_schema.data_locks WHERE OBJECT_NAME = 't'"));
                a.setAutoCommit(true);
                assertEquals(1, value(sa, "SELECT v FROM t WHERE id = 1"));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
