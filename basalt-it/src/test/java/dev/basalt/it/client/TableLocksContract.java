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
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LOCK TABLES / UNLOCK TABLES and FLUSH TABLES WITH READ LOCK seen through two real client
 * connections: WRITE locks keep other sessions out, READ locks let them read but not write, the
 * global read lock stops other sessions' writes, waits end at lock_wait_timeout (1205) or KILL
 * QUERY (1317), and a connection's end releases its locks. Runs against Basalt and MariaDB.
 */
@Timeout(90)
abstract class TableLocksContract {

    abstract Endpoint endpoint();

    final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** A fresh database with table t (two rows), and a connection to it. */
    Connection fresh(String name) throws SQLException {
        String db = "tl_" + name;
        try (Connection c = endpoint().connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
            s.execute("CREATE TABLE " + db + ".t (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO " + db + ".t VALUES (1, 0), (2, 0)");
            s.execute("CREATE TABLE " + db + ".u (id INT PRIMARY KEY)");
        }
        return endpoint().connect(db);
    }

    static long value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql + " returned no row");
            return rs.getLong(1);
        }
    }

    static int error(Statement s, String sql) {
        return assertThrows(SQLException.class, () -> s.execute(sql), sql).getErrorCode();
    }

    /**
     * The state of connection {@code id} once it shows {@code expected}, or the last state seen
     * after 20 s: a statement may pass through other states before it waits.
     */
    static String awaitState(Statement s, long id, String expected) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String seen = state(s, id);
        while (!expected.equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = state(s, id);
        }
        return seen;
    }

    /** The PROCESSLIST state of connection {@code id}, seen from {@code s}. */
    static String state(Statement s, long id) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = " + id)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    void assertWaits(Future<?> f) {
        assertThrows(TimeoutException.class, () -> f.get(500, TimeUnit.MILLISECONDS), "the statement must wait");
    }

    /** {@code sb}'s one-row write waits while {@code sa} holds its locks and goes on after UNLOCK TABLES. */
    void assertWriteWaitsForUnlock(Statement sa, Statement sb, String write) throws Exception {
        Future<Integer> f = pool.submit(() -> sb.executeUpdate(write));
        assertWaits(f);
        sa.execute("UNLOCK TABLES");
        assertEquals(1, f.get(20, TimeUnit.SECONDS));
    }

    @Test
    void aWriteLockKeepsOtherReadersOutUntilUnlock() throws Exception {
        try (Connection a = fresh("write"); Connection b = endpoint().connect(a.getCatalog());
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("LOCK TABLES t WRITE");
            assertEquals(1, sa.executeUpdate("UPDATE t SET v = 5 WHERE id = 1"));
            Future<Long> read = pool.submit(() -> value(sb, "SELECT v FROM t WHERE id = 1"));
            assertWaits(read);
            try (Connection c = endpoint().connect(a.getCatalog()); Statement sc = c.createStatement()) {
                assertEquals(0, value(sc, "SELECT COUNT(*) FROM u"), "other tables stay usable");
            }
            sa.execute("UNLOCK TABLES");
            assertEquals(5, read.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void aReadLockLetsOthersReadButNotWrite() throws Exception {
        try (Connection a = fresh("read"); Connection b = endpoint().connect(a.getCatalog());
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("LOCK TABLES t READ");
            assertEquals(0, value(sb, "SELECT v FROM t WHERE id = 1"));
            assertEquals(0, value(sa, "SELECT v FROM t WHERE id = 1"));
            assertWriteWaitsForUnlock(sa, sb, "UPDATE t SET v = 7 WHERE id = 1");
            assertEquals(7, value(sa, "SELECT v FROM t WHERE id = 1"));
        }
    }

    @Test
    void readLocksAreSharedAndAWriteLockWaitsForThem() throws Exception {
        try (Connection a = fresh("shared"); Connection b = endpoint().connect(a.getCatalog());
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("LOCK TABLES t READ");
            sb.execute("LOCK TABLES t READ");
            sb.execute("UNLOCK TABLES");
            Future<Boolean> lock = pool.submit(() -> sb.execute("LOCK TABLES t WRITE"));
            assertWaits(lock);
            sa.execute("UNLOCK TABLES");
            lock.get(20, TimeUnit.SECONDS);
            sb.execute("UNLOCK TABLES");
        }
    }

    @Test
    void laterReadersQueueBehindAWaitingWriteLock() throws Exception {
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("queue"); Connection b = endpoint().connect(a.getCatalog());
             Connection c = endpoint().connect(a.getCatalog());
             Statement sa = a.createStatement(); Statement sb = b.createStatement(); Statement sc = c.createStatement()) {
            sa.execute("LOCK TABLES t READ");
            Future<Boolean> lock = pool.submit(() -> sb.execute("LOCK TABLES t WRITE"));
            assertWaits(lock);
            Future<Long> read = second.submit(() -> value(sc, "SELECT COUNT(*) FROM t"));
            assertWaits(read);
            sa.execute("UNLOCK TABLES");
            lock.get(20, TimeUnit.SECONDS);
            assertWaits(read);
            sb.execute("UNLOCK TABLES");
            assertEquals(2, read.get(20, TimeUnit.SECONDS));
        } finally {
            second.shutdownNow();
        }
    }

    @Test
    void theHolderMayUseOnlyWhatItLocked() throws Exception {
        try (Connection a = fresh("own"); Statement sa = a.createStatement()) {
            sa.execute("LOCK TABLES t READ, u WRITE, u AS uu READ");
            assertEquals(1100, error(sa, "SELECT * FROM nosuch"));
            assertEquals(1100, error(sa, "SELECT * FROM u AS x"), "an alias needs a lock of its own");
            assertEquals(1099, error(sa, "UPDATE t SET v = 1"));
            assertEquals(1099, error(sa, "DELETE uu FROM u AS uu"));
            assertEquals(1, sa.executeUpdate("INSERT INTO u VALUES (1)"));
            assertEquals(1, sa.executeUpdate("INSERT INTO u SELECT id + 10 FROM u AS uu"));
            assertEquals(1100, error(sa, "INSERT INTO u SELECT id + 20 FROM u"), "one lock serves one reference");
            assertEquals(1100, error(sa, "SELECT * FROM t JOIN t AS t2 USING (id)"));
            assertEquals(2, value(sa, "SELECT COUNT(*) FROM u AS uu"));
            assertEquals(2, value(sa, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
            sa.execute("START TRANSACTION"); // releases the table locks
            assertEquals(2, value(sa, "SELECT COUNT(*) FROM u"));
            sa.execute("COMMIT");
        }
    }

    @Test
    void theGlobalReadLockStopsOtherWritersUntilUnlock() throws Exception {
        try (Connection a = fresh("ftwrl"); Connection b = endpoint().connect(a.getCatalog());
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("FLUSH TABLES WITH READ LOCK");
            assertEquals(1223, error(sa, "UPDATE t SET v = 1"));
            assertEquals(0, value(sb, "SELECT v FROM t WHERE id = 1"), "reads go on");
            assertWriteWaitsForUnlock(sa, sb, "UPDATE t SET v = 3 WHERE id = 2");
        }
    }

    @Test
    void flushTablesNamedWithReadLockLocksThoseTablesRead() throws Exception {
        try (Connection a = fresh("flushnamed"); Connection b = endpoint().connect(a.getCatalog());
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("FLUSH TABLES t WITH READ LOCK");
            assertEquals(1099, error(sa, "DELETE FROM t"));
            assertEquals(0, sb.executeUpdate("DELETE FROM u"), "other tables are not locked");
            assertWriteWaitsForUnlock(sa, sb, "DELETE FROM t WHERE id = 2");
        }
    }

    @Test
    void lockWaitTimeoutEndsTheWaitWith1205() throws Exception {
        try (Connection a = fresh("timeout"); Connection b = endpoint().connect(a.getCatalog());
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("LOCK TABLES t WRITE");
            sb.execute("SET SESSION lock_wait_timeout = 1");
            long start = System.nanoTime();
            assertEquals(1205, error(sb, "SELECT * FROM t"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 900 && ms < 10_000, "waited " + ms + " ms");
            assertEquals(1205, error(sb, "LOCK TABLES t READ"));
            sa.execute("UNLOCK TABLES");
            assertEquals(2, value(sb, "SELECT COUNT(*) FROM t"));
        }
    }

    @Test
    void killQueryEndsTheWaitWith1317() throws Exception {
        try (Connection a = fresh("kill"); Connection b = endpoint().connect(a.getCatalog());
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            long idB = value(sb, "SELECT CONNECTION_ID()");
            sa.execute("LOCK TABLES t WRITE");
            Future<Long> read = pool.submit(() -> value(sb, "SELECT COUNT(*) FROM t"));
            assertWaits(read);
            assertEquals("Waiting for table metadata lock", awaitState(sa, idB, "Waiting for table metadata lock"));
            sa.execute("KILL QUERY " + idB);
            Exception e = assertThrows(Exception.class, () -> read.get(20, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof SQLException, String.valueOf(e));
            assertEquals(1317, ((SQLException) e.getCause()).getErrorCode());
            sa.execute("UNLOCK TABLES");
            assertEquals(2, value(sb, "SELECT COUNT(*) FROM t"), "the connection goes on");
        }
    }

    @Test
    void theEndOfAConnectionReleasesItsLocks() throws Exception {
        try (Connection b = fresh("disconnect"); Statement sb = b.createStatement()) {
            Connection a = endpoint().connect(b.getCatalog());
            Statement sa = a.createStatement();
            sa.execute("LOCK TABLES t WRITE");
            Future<Long> read = pool.submit(() -> value(sb, "SELECT COUNT(*) FROM t"));
            assertWaits(read);
            a.close();
            assertEquals(2, read.get(20, TimeUnit.SECONDS));
        }
    }
}
