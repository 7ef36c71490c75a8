package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Phantoms under locking reads, as InnoDB prevents them: under REPEATABLE READ (and SERIALIZABLE)
 * a locking read, UPDATE or DELETE locks the key range it scanned, so another transaction's INSERT
 * into it (or UPDATE moving a row into it) waits until commit, times out with 1205, or ends a
 * cycle with 1213; READ COMMITTED takes no gap locks, and a unique-key equality that finds its row
 * locks only the row. Runs against Basalt and MariaDB (InnoDB). The inserts stay clear of the
 * record just past a range, which InnoDB's next-key locks also cover and Basalt's exact ranges do not.
 */
@Timeout(90)
abstract class GapLockingContract {

    abstract Endpoint endpoint();

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private Connection a;
    private Connection b;
    private Statement sa;
    private Statement sb;

    @BeforeEach
    void open(org.junit.jupiter.api.TestInfo info) throws SQLException {
        String db = "gap_" + info.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT);
        if (db.length() > 60) db = db.substring(0, 60); // MySQL's limit on a database name is 64
        try (Connection c = endpoint().connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        a = endpoint().connect(db);
        b = endpoint().connect(db);
        sa = a.createStatement();
        sb = b.createStatement();
        sa.execute("CREATE TABLE t (id INT PRIMARY KEY, k INT, v INT, KEY k (k))");
        sa.execute("INSERT INTO t VALUES (10, 100, 0), (20, 200, 0), (30, 300, 0), (40, 400, 0)");
        sb.execute("SET SESSION innodb_lock_wait_timeout = 20");
    }

    @AfterEach
    void close() throws SQLException {
        pool.shutdownNow();
        for (Connection c : new Connection[] {a, b}) {
            if (c == null) continue;
            try {
                if (!c.getAutoCommit()) c.rollback();
            } finally {
                c.close();
            }
        }
    }

    private void begin(Connection c, String isolation) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL " + isolation);
        }
        c.setAutoCommit(false);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            long n = 0;
            while (rs.next()) n++;
            return n;
        }
    }

    /** b's statement runs in the background: it must wait for a's gap lock, then go on after a commits. */
    private void assertWaitsForCommit(String sql) throws Exception {
        Future<Integer> fb = pool.submit(() -> sb.executeUpdate(sql));
        assertThrows(TimeoutException.class, () -> fb.get(700, TimeUnit.MILLISECONDS), sql + " must wait for a's gap lock");
        a.commit();
        assertEquals(1, fb.get(20, TimeUnit.SECONDS));
    }

    private void assertDoesNotWait(String sql) throws Exception {
        Future<Integer> fb = pool.submit(() -> sb.executeUpdate(sql));
        try {
            assertEquals(1, fb.get(5, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            fail(sql + " waited for a lock it should not need");
        }
    }


    /** One case of locks/gap-locks.psv: a's statement, then b's, which waits for a's commit or not. */
    @ParameterizedTest(name = "{0}: {1} / {3} waits: {4}")
    @CsvFileSource(resources = "/locks/gap-locks.psv", delimiter = '|')
    void gapLockCase(String isolation, String first, long rows, String second, boolean waits) throws Exception {
        begin(a, isolation);
        boolean read = first.startsWith("SELECT");
        assertEquals(rows, read ? count(sa, first) : sa.executeUpdate(first), first);
        if (waits) assertWaitsForCommit(second);
        else assertDoesNotWait(second);
    }

    @Test
    void theLockedRangeShowsNoPhantomToItsOwner() throws Exception {
        begin(a, "REPEATABLE READ");
        b.setAutoCommit(false);
        assertEquals(2, count(sa, "SELECT * FROM t WHERE id BETWEEN 10 AND 20 FOR UPDATE"));
        Future<Integer> fb = pool.submit(() -> sb.executeUpdate("INSERT INTO t VALUES (15, 150, 0)"));
        assertThrows(TimeoutException.class, () -> fb.get(500, TimeUnit.MILLISECONDS));
        assertEquals(2, count(sa, "SELECT * FROM t WHERE id BETWEEN 10 AND 20 FOR UPDATE"));
        assertEquals(2, sa.executeUpdate("UPDATE t SET v = 1 WHERE id BETWEEN 10 AND 20"));
        a.commit();
        assertEquals(1, fb.get(20, TimeUnit.SECONDS));
        b.commit();
    }










    @Test
    void insertIntoALockedGapTimesOutWith1205() throws Exception {
        begin(a, "REPEATABLE READ");
        sb.execute("SET SESSION innodb_lock_wait_timeout = 1");
        assertEquals(2, count(sa, "SELECT * FROM t WHERE id BETWEEN 10 AND 20 FOR UPDATE"));
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> sb.executeUpdate("INSERT INTO t VALUES (15, 150, 0)"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1205, e.getErrorCode(), e.getMessage());
        assertTrue(ms >= 900 && ms < 10_000, "waited " + ms + " ms");
        a.commit();
        assertEquals(1, sb.executeUpdate("INSERT INTO t VALUES (15, 150, 0)"));
    }

    /**
     * Two transactions lock the same empty gap (gap locks are compatible), then both insert into
     * it. The gap is past the last row, so InnoDB's next-key lock has no record to conflict on.
     */
    @Test
    void twoGapLocksAndTwoInsertsDeadlock() throws Exception {
        begin(a, "REPEATABLE READ");
        begin(b, "REPEATABLE READ");
        assertEquals(0, count(sa, "SELECT * FROM t WHERE id BETWEEN 41 AND 49 FOR UPDATE"));
        assertEquals(0, count(sb, "SELECT * FROM t WHERE id BETWEEN 41 AND 49 FOR UPDATE"));
        Future<Integer> fa = pool.submit(() -> sa.executeUpdate("INSERT INTO t VALUES (45, 450, 0)"));
        assertThrows(TimeoutException.class, () -> fa.get(500, TimeUnit.MILLISECONDS), "a waits for b's gap lock");
        int victims = 0;
        try {
            sb.executeUpdate("INSERT INTO t VALUES (46, 460, 0)");
        } catch (SQLException e) {
            assertEquals(1213, e.getErrorCode(), e.getMessage());
            victims++;
        }
        try {
            assertEquals(1, fa.get(20, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            assertEquals(1213, ((SQLException) e.getCause()).getErrorCode(), e.getCause().getMessage());
            victims++;
        }
        assertEquals(1, victims, "exactly one of the two is the deadlock victim");
        a.commit();
        b.commit();
    }


    @Test
    void skipLockedAndNowaitKeepWorking() throws Exception {
        begin(a, "REPEATABLE READ");
        begin(b, "REPEATABLE READ");
        assertEquals(1, count(sa, "SELECT * FROM t WHERE id = 10 FOR UPDATE"));
        assertEquals(3, count(sb, "SELECT * FROM t FOR UPDATE SKIP LOCKED"));
        b.rollback();
        assertThrows(SQLException.class, () -> count(sb, "SELECT * FROM t WHERE id = 10 FOR UPDATE NOWAIT"));
    }
}
