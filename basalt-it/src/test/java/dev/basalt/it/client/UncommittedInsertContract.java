package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A locking read (FOR UPDATE / FOR SHARE, the scan of an UPDATE or DELETE) over a range that holds
 * another transaction's uncommitted insert waits for it, as InnoDB does on the new record's
 * implicit lock, and then reads what was committed: the new row after a commit, nothing after a
 * rollback. SKIP LOCKED does not wait. Runs against Basalt and MariaDB (InnoDB).
 */
@Timeout(60)
abstract class UncommittedInsertContract {

    abstract Endpoint endpoint();

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Connection fresh(String name) throws SQLException {
        String db = "ui_" + name;
        try (Connection c = endpoint().connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
            s.execute("CREATE TABLE " + db + ".c (id INT PRIMARY KEY, v INT, k INT, KEY k (k)) ENGINE=InnoDB");
            s.execute("INSERT INTO " + db + ".c VALUES (1, 0, 10), (2, 0, 20), (3, 0, 30)");
        }
        return endpoint().connect(db);
    }

    /** A REPEATABLE READ transaction whose snapshot is taken now (its first read). */
    private static Statement begin(Connection c) throws SQLException {
        Statement s = c.createStatement();
        s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        c.setAutoCommit(false);
        RowLockingContract.value(s, "SELECT COUNT(*) FROM c");
        return s;
    }

    /** Starts the statement and checks that it waits. */
    private <T> Future<T> waiting(Callable<T> statement) {
        Future<T> f = pool.submit(statement);
        assertThrows(TimeoutException.class, () -> f.get(300, TimeUnit.MILLISECONDS), "must wait for the uncommitted insert");
        return f;
    }

    @Test
    void rangeForUpdateWaitsAndSeesTheCommittedInsert() throws Exception {
        try (Connection a = fresh("commit"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO c VALUES (4, 4, 40)"));
            Future<Long> fb = waiting(() -> RowLockingContract.value(sb, "SELECT COUNT(*) FROM c WHERE id BETWEEN 2 AND 9 FOR UPDATE"));
            a.commit();
            assertEquals(3, fb.get(20, TimeUnit.SECONDS), "rows 2, 3 and the committed 4");
            assertEquals(2, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c WHERE id BETWEEN 2 AND 9"), "plain reads keep the snapshot");
            b.commit();
        }
    }

    @Test
    void rangeForShareAfterARollbackSeesNoNewRow() throws Exception {
        try (Connection a = fresh("undo"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO c VALUES (4, 4, 40)"));
            Future<Long> fb = waiting(() -> RowLockingContract.value(sb, "SELECT COUNT(*) FROM c WHERE id >= 3 LOCK IN SHARE MODE"));
            a.rollback();
            assertEquals(1, fb.get(20, TimeUnit.SECONDS));
            b.commit();
        }
    }

    @Test
    void secondaryIndexRangeWaitsForANewEntry() throws Exception {
        try (Connection a = fresh("index"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO c VALUES (9, 0, 25)"));
            Future<Long> fb = waiting(() -> RowLockingContract.value(sb,
                    "SELECT COUNT(*) FROM c FORCE INDEX (k) WHERE k BETWEEN 21 AND 29 FOR UPDATE"));
            a.commit();
            assertEquals(1, fb.get(20, TimeUnit.SECONDS));
            b.commit();
        }
    }

    @Test
    void updateOfARangeWaitsAndChangesTheCommittedInsert() throws Exception {
        try (Connection a = fresh("update"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO c VALUES (4, 4, 40)"));
            Future<Integer> fb = waiting(() -> sb.executeUpdate("UPDATE c SET v = 9 WHERE id > 2"));
            a.commit();
            assertEquals(2, fb.get(20, TimeUnit.SECONDS), "rows 3 and 4");
            b.commit();
            b.setAutoCommit(true);
            assertEquals(2, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c WHERE v = 9"));
        }
    }

    @Test
    void skipLockedDoesNotWait() throws Exception {
        try (Connection a = fresh("skip"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO c VALUES (4, 4, 40)"));
            assertEquals(3, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c WHERE id > 0 FOR UPDATE SKIP LOCKED"));
            b.commit();
            a.commit();
        }
    }

    @Test
    void aRangeBeforeTheInsertDoesNotWait() throws Exception {
        try (Connection a = fresh("apart"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO c VALUES (10, 4, 40)"));
            assertEquals(2, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c WHERE id BETWEEN 1 AND 2 FOR UPDATE"));
            b.commit();
            a.commit();
        }
    }
}
