package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Isolation on Basalt, plus its rule for a write based on a stale snapshot (the later committer
 * gets 1213 / 40001), which InnoDB does not share (its writes read the latest version).
 */
class BasaltConcurrencyTest extends ConcurrencyContract {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Override
    Endpoint endpoint() {
        return server;
    }

    @Test
    void firstCommitterWinsAndTheLoserGets1213() throws Exception {
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
                // b's snapshot predates a's commit: its write to the same row must lose, at UPDATE or at COMMIT
                SQLException e = assertThrows(SQLException.class, () -> {
                    sb.executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1");
                    b.commit();
                });
                assertEquals(1213, e.getErrorCode(), e.getMessage());
                assertEquals("40001", e.getSQLState());
                b.rollback();
                a.setAutoCommit(true);
                b.setAutoCommit(true);
                assertEquals(1, value(sb, "SELECT v FROM t WHERE id = 1"));
            }
        }
    }

    /**
     * A locking read of a row committed after the transaction's snapshot fails with 1213 and rolls
     * the transaction back (InnoDB would read the latest version); the session goes on as after
     * ROLLBACK, even when the client sends no ROLLBACK.
     */
    @Test
    void aStaleLockingReadRollsBackAndTheSessionGoesOn() throws Exception {
        try (Connection a = fresh("stale"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO t VALUES (1, 0)");
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                sa.execute("START TRANSACTION");
                sa.executeUpdate("INSERT INTO t VALUES (2, 0)");
                assertEquals(0, value(sa, "SELECT v FROM t WHERE id = 1"));
                sb.executeUpdate("UPDATE t SET v = 5 WHERE id = 1");
                SQLException e = assertThrows(SQLException.class,
                        () -> sa.executeQuery("SELECT v FROM t WHERE id = 1 FOR UPDATE").close());
                assertEquals(1213, e.getErrorCode(), e.getMessage());
                // no ROLLBACK sent: the transaction is over, its insert undone, the session usable
                assertEquals(1, value(sa, "SELECT COUNT(*) FROM t"));
                sa.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"); // not "inside a transaction" (1568)
                assertEquals(5, value(sa, "SELECT v FROM t WHERE id = 1 FOR UPDATE"));
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
}
