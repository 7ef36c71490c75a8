package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Foreign-key checks are InnoDB current reads, whatever the transaction's snapshot: a child's
 * insert finds a parent committed after the snapshot, and waits for a parent another transaction
 * is deleting or inserting (the parent record's lock); a parent's delete finds children committed
 * after the snapshot, and waits for a child another transaction is inserting. Runs against Basalt
 * and MariaDB (InnoDB), REPEATABLE READ, text statements.
 */
@Timeout(60)
abstract class ForeignKeyCurrentReadContract {

    abstract Endpoint endpoint();

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Parents 1 and 2; children reference them (RESTRICT), and cascading children of parent 1. */
    private Connection fresh(String name) throws SQLException {
        String db = "fkcr_" + name;
        try (Connection c = endpoint().connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
            s.execute("CREATE TABLE " + db + ".p (id INT PRIMARY KEY, name VARCHAR(10)) ENGINE=InnoDB");
            s.execute("CREATE TABLE " + db + ".ch (id INT PRIMARY KEY, pid INT,"
                    + " FOREIGN KEY (pid) REFERENCES p (id)) ENGINE=InnoDB");
            s.execute("CREATE TABLE " + db + ".cc (id INT PRIMARY KEY, pid INT,"
                    + " FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE) ENGINE=InnoDB");
            s.execute("INSERT INTO " + db + ".p VALUES (1, 'a'), (2, 'b')");
        }
        return endpoint().connect(db);
    }

    /** A REPEATABLE READ transaction whose snapshot is taken now (its first read). */
    private static Statement begin(Connection c) throws SQLException {
        Statement s = c.createStatement();
        s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        c.setAutoCommit(false);
        RowLockingContract.value(s, "SELECT COUNT(*) FROM p");
        RowLockingContract.value(s, "SELECT COUNT(*) FROM ch");
        RowLockingContract.value(s, "SELECT COUNT(*) FROM cc");
        return s;
    }


    /** Starts the statement and checks that it waits. */
    private <T> Future<T> waiting(Callable<T> statement, String why) {
        Future<T> f = pool.submit(statement);
        assertThrows(TimeoutException.class, () -> f.get(300, TimeUnit.MILLISECONDS), why);
        return f;
    }

    private static int errorOf(Future<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
        if (!(e.getCause() instanceof SQLException sql)) throw new AssertionError(e.getCause());
        return sql.getErrorCode();
    }

    @Test
    void childInsertFindsAParentCommittedAfterTheSnapshot() throws Exception {
        try (Connection a = fresh("newparent"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("INSERT INTO p VALUES (3, 'c')");
            }
            assertEquals(0, RowLockingContract.value(sb, "SELECT COUNT(*) FROM p WHERE id = 3"), "the snapshot");
            assertEquals(1, sb.executeUpdate("INSERT INTO ch VALUES (1, 3)"));
            assertEquals(1, sb.executeUpdate("UPDATE ch SET pid = 3 WHERE id = 1"), "an UPDATE of the key checks the same way");
            b.commit();
            b.setAutoCommit(true);
            assertEquals(1, RowLockingContract.value(sb, "SELECT COUNT(*) FROM ch WHERE pid = 3"));
        }
    }

    @Test
    void childInsertWaitsForAParentBeingDeletedThenFails() throws Exception {
        try (Connection a = fresh("deleting"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("DELETE FROM p WHERE id = 2"));
            Future<Integer> fb = waiting(() -> sb.executeUpdate("INSERT INTO ch VALUES (1, 2)"), "b must wait for a's delete");
            a.commit();
            assertEquals(1452, errorOf(fb));
            b.rollback();
        }
    }

    @Test
    void childInsertWaitsForAParentBeingDeletedThenRolledBack() throws Exception {
        try (Connection a = fresh("undelete"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("DELETE FROM p WHERE id = 2"));
            Future<Integer> fb = waiting(() -> sb.executeUpdate("INSERT INTO ch VALUES (1, 2)"), "b must wait for a's delete");
            a.rollback();
            assertEquals(1, fb.get(20, TimeUnit.SECONDS));
            b.commit();
        }
    }

    /** The parent check locks the parent in share mode: children of one parent do not wait for each other. */
    @Test
    void childrenOfOneParentDoNotWaitForEachOther() throws Exception {
        try (Connection a = fresh("shared"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO ch VALUES (1, 1)"));
            assertEquals(1, pool.submit(() -> sb.executeUpdate("INSERT INTO ch VALUES (2, 1)")).get(20, TimeUnit.SECONDS));
            a.commit();
            b.commit();
            b.setAutoCommit(true);
            assertEquals(2, RowLockingContract.value(sb, "SELECT COUNT(*) FROM ch WHERE pid = 1"));
        }
    }

    @Test
    void autocommitChildInsertWaitsForAParentBeingDeletedThenFails() throws Exception {
        try (Connection a = fresh("autodel"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            assertEquals(1, sa.executeUpdate("DELETE FROM p WHERE id = 2"));
            Statement sb = b.createStatement();
            Future<Integer> fb = waiting(() -> sb.executeUpdate("INSERT INTO ch VALUES (1, 2)"), "b must wait for a's delete");
            a.commit();
            assertEquals(1452, errorOf(fb));
            assertEquals(0, RowLockingContract.value(sb, "SELECT COUNT(*) FROM ch"));
        }
    }

    @Test
    void childInsertWaitsForAnUncommittedParentInsert() throws Exception {
        try (Connection a = fresh("inserting"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO p VALUES (3, 'c')"));
            Future<Integer> fb = waiting(() -> sb.executeUpdate("INSERT INTO ch VALUES (1, 3)"), "b must wait for a's insert");
            a.commit();
            assertEquals(1, fb.get(20, TimeUnit.SECONDS));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(1, RowLockingContract.value(sb, "SELECT COUNT(*) FROM ch WHERE pid = 3"));
        }
    }

    @Test
    void parentDeleteFindsAChildCommittedAfterTheSnapshot() throws Exception {
        try (Connection a = fresh("newchild"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("INSERT INTO ch VALUES (1, 1)");
            }
            SQLException e = assertThrows(SQLException.class, () -> sb.executeUpdate("DELETE FROM p WHERE id = 1"));
            assertEquals(1451, e.getErrorCode(), e.getMessage());
            b.commit();
            b.setAutoCommit(true);
            assertEquals(2, RowLockingContract.value(sb, "SELECT COUNT(*) FROM p"));
        }
    }

    @Test
    void parentDeleteWaitsForAnUncommittedChildThenFails() throws Exception {
        try (Connection a = fresh("childwait"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO ch VALUES (1, 1)"));
            Future<Integer> fb = waiting(() -> sb.executeUpdate("DELETE FROM p WHERE id = 1"), "b must wait for a's child");
            a.commit();
            assertEquals(1451, errorOf(fb));
            b.rollback();
            b.setAutoCommit(true);
            assertEquals(2, RowLockingContract.value(sb, "SELECT COUNT(*) FROM p"));
            assertEquals(1, RowLockingContract.value(sb, "SELECT COUNT(*) FROM ch"));
        }
    }

    @Test
    void parentDeleteCascadesToAChildCommittedAfterTheSnapshot() throws Exception {
        try (Connection a = fresh("cascade"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("INSERT INTO cc VALUES (1, 1), (2, 1), (3, 2)");
            }
            assertEquals(1, sb.executeUpdate("DELETE FROM p WHERE id = 1"));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(1, RowLockingContract.value(sb, "SELECT COUNT(*) FROM cc"), "no orphan left");
            assertEquals(0, RowLockingContract.value(sb, "SELECT COUNT(*) FROM cc WHERE pid = 1"));
        }
    }
}
