package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MemoryServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Gap locks (phantom prevention) on Basalt, and how performance_schema.data_locks shows them. */
class BasaltGapLockingTest extends GapLockingContract {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    @Override
    Endpoint endpoint() {
        return server;
    }

    private static long value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A range read FOR UPDATE shows as one X,GAP lock; an insert waiting for it as X,INSERT_INTENTION. */
    @Test
    void dataLocksShowGapLocksAndInsertIntentions() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = endpoint().connect(""); Statement sa = a.createStatement()) {
            sa.execute("DROP DATABASE IF EXISTS gap_datalocks");
            sa.execute("CREATE DATABASE gap_datalocks");
            sa.execute("USE gap_datalocks");
            sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO t VALUES (10, 0), (20, 0), (30, 0)");
            try (Connection b = endpoint().connect("gap_datalocks"); Statement sb = b.createStatement();
                 Connection c = endpoint().connect("gap_datalocks"); Statement sc = c.createStatement()) {
                long idA = value(sa, "SELECT CONNECTION_ID()");
                long idB = value(sb, "SELECT CONNECTION_ID()");
                a.setAutoCommit(false);
                try (ResultSet rs = sa.executeQuery("SELECT * FROM t WHERE id BETWEEN 10 AND 20 FOR UPDATE")) {
                    while (rs.next()) { /* drain: the range is locked as it is read */ }
                }
                String q = "SELECT COUNT(*) FROM performance_schema.data_locks WHERE OBJECT_SCHEMA = 'gap_datalocks'"
                        + " AND OBJECT_NAME = 't' AND INDEX_NAME = 'PRIMARY' AND LOCK_TYPE = 'RECORD' AND ";
                assertEquals(1, value(sc, q + "LOCK_MODE = 'X,GAP' AND LOCK_STATUS = 'GRANTED' AND THREAD_ID = " + idA));
                assertEquals(2, value(sc, q + "LOCK_MODE = 'X,REC_NOT_GAP' AND THREAD_ID = " + idA));
                Future<Integer> waiting = pool.submit(() -> sb.executeUpdate("INSERT INTO t VALUES (15, 0)"));
                long deadline = System.currentTimeMillis() + 10_000;
                while (value(sc, q + "LOCK_MODE = 'X,INSERT_INTENTION' AND LOCK_STATUS = 'WAITING' AND THREAD_ID = " + idB) == 0) {
                    if (System.currentTimeMillis() > deadline) throw new AssertionError("the insert never shows as waiting");
                    Thread.sleep(50);
                }
                assertEquals(1, value(sc, "SELECT COUNT(*) FROM performance_schema.data_lock_waits WHERE REQUESTING_THREAD_ID = "
                        + idB + " AND BLOCKING_THREAD_ID = " + idA));
                // the wait names a's gap lock as the one it waits for
                assertEquals(1, value(sc, "SELECT COUNT(*) FROM performance_schema.data_lock_waits w JOIN performance_schema.data_locks l"
                        + " ON l.ENGINE_LOCK_ID = w.BLOCKING_ENGINE_LOCK_ID WHERE l.LOCK_MODE = 'X,GAP' AND w.REQUESTING_THREAD_ID = " + idB));
                a.commit();
                assertEquals(1, waiting.get(10, TimeUnit.SECONDS));
                assertEquals(0, value(sc, "SELECT COUNT(*) FROM performance_schema.data_locks WHERE OBJECT_SCHEMA = 'gap_datalocks'"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
