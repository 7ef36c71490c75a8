package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * InnoDB's current read under REPEATABLE READ, through real client connections: locking reads
 * (SELECT ... FOR UPDATE / FOR SHARE) and the rows UPDATE and DELETE change read the latest
 * committed version, while plain SELECTs keep reading the transaction's snapshot. No step here may
 * fail with 1213: a row a concurrent transaction changed and committed is simply read anew.
 * Runs against Basalt and MariaDB (InnoDB).
 */
@Timeout(60)
abstract class CurrentReadContract {

    abstract Endpoint endpoint();

    private Connection fresh(String name) throws SQLException {
        String db = "cr_" + name;
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

    /** The counter pattern, interleaved: the second transaction waits, then reads the first one's value. */
    @Test
    void interleavedCountersBothCount() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("counter"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(0, RowLockingContract.value(sa, "SELECT v FROM c WHERE id = 1 FOR UPDATE"));
            Future<Long> fb = pool.submit(() -> RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 1 FOR UPDATE"));
            assertThrows(TimeoutException.class, () -> fb.get(300, TimeUnit.MILLISECONDS), "b must wait for a's lock");
            sa.executeUpdate("UPDATE c SET v = v + 1 WHERE id = 1");
            a.commit();
            assertEquals(1, fb.get(20, TimeUnit.SECONDS), "the locking read sees a's committed value");
            assertEquals(1, sb.executeUpdate("UPDATE c SET v = v + 1 WHERE id = 1"));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(2, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 1"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** An UPDATE works on the latest version, not on the snapshot's: no lost update. */
    @Test
    void updateAfterAConcurrentCommitLosesNothing() throws Exception {
        try (Connection a = fresh("lost"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            assertEquals(0, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 1"));
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("UPDATE c SET v = v + 5, k = k + 1 WHERE id = 1"); // autocommit
            }
            assertEquals(1, sb.executeUpdate("UPDATE c SET v = v + 1, k = k + 1 WHERE id = 1"));
            assertEquals(6, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 1"), "own write over the latest version");
            b.commit();
            b.setAutoCommit(true);
            assertEquals(6, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 1"));
            // the secondary index follows: one entry for the row, at its latest value
            assertEquals(1, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c FORCE INDEX (k) WHERE k = 12"));
            assertEquals(3, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c FORCE INDEX (k) WHERE k > 0"));
        }
    }

    /** Plain SELECTs read the snapshot even after a locking read saw a newer version. */
    @Test
    void plainSelectStillReadsTheSnapshot() throws Exception {
        try (Connection a = fresh("snap"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("UPDATE c SET v = 7 WHERE id = 2");
            }
            assertEquals(0, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 2"));
            assertEquals(7, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 2 LOCK IN SHARE MODE"));
            assertEquals(7, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 2 FOR UPDATE"));
            assertEquals(0, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 2"), "consistent read unchanged");
            b.commit();
        }
    }

    /** The WHERE of UPDATE / DELETE is evaluated on the latest version; a row deleted since is gone. */
    @Test
    void writesMatchTheLatestVersion() throws Exception {
        try (Connection a = fresh("where"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("UPDATE c SET v = 1 WHERE id = 1");
                sa.executeUpdate("DELETE FROM c WHERE id = 3");
            }
            assertEquals(1, sb.executeUpdate("UPDATE c SET v = 100 WHERE v = 0"), "only row 2 still has v = 0");
            assertEquals(0, sb.executeUpdate("DELETE FROM c WHERE id = 3"));
            assertEquals(0, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c WHERE id = 3 FOR UPDATE"));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(101, RowLockingContract.value(sb, "SELECT SUM(v) FROM c"));
        }
    }

    /** sysbench read_write's delete-then-insert of one id, by a transaction whose snapshot is older. */
    @Test
    void deleteThenInsertOverAConcurrentCommit() throws Exception {
        try (Connection a = fresh("reinsert"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                a.setAutoCommit(false);
                sa.executeUpdate("DELETE FROM c WHERE id = 2");
                sa.executeUpdate("INSERT INTO c VALUES (2, 5, 25)");
                a.commit();
                a.setAutoCommit(true);
            }
            assertEquals(1, sb.executeUpdate("DELETE FROM c WHERE id = 2"));
            assertEquals(1, sb.executeUpdate("INSERT INTO c VALUES (2, 6, 26)"));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(6, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 2"));
            assertEquals(0, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c FORCE INDEX (k) WHERE k = 25"));
            assertEquals(3, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c FORCE INDEX (k) WHERE k > 0"));
        }
    }

    /** A multi-table UPDATE locks the rows it reads and builds on their latest versions (no 1213). */
    @Test
    void multiTableUpdateBuildsOnAConcurrentCommit() throws Exception {
        try (Connection a = fresh("multiupd"); Connection b = endpoint().connect(a.getCatalog())) {
            try (Statement sa = a.createStatement()) {
                sa.execute("CREATE TABLE d (id INT PRIMARY KEY, w INT) ENGINE=InnoDB");
                sa.execute("INSERT INTO d VALUES (1, 1), (2, 2)");
            }
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("UPDATE c SET v = 5 WHERE id = 1");
            }
            assertEquals(2, sb.executeUpdate("UPDATE c JOIN d ON c.id = d.id SET c.v = c.v + d.w"));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(6, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 1"));
            assertEquals(2, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 2"));
        }
    }

    /** A multi-table DELETE matches the latest versions of the rows it joins. */
    @Test
    void multiTableDeleteMatchesTheLatestVersion() throws Exception {
        try (Connection a = fresh("multidel"); Connection b = endpoint().connect(a.getCatalog())) {
            try (Statement sa = a.createStatement()) {
                sa.execute("CREATE TABLE d (id INT PRIMARY KEY, w INT) ENGINE=InnoDB");
                sa.execute("INSERT INTO d VALUES (1, 1), (2, 2), (3, 3)");
            }
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("UPDATE c SET v = 9 WHERE id = 2");
            }
            assertEquals(1, sb.executeUpdate("DELETE c FROM c JOIN d ON c.id = d.id WHERE c.v = 9"));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(2, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c"));
            assertEquals(0, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c WHERE id = 2"));
        }
    }

    /** INSERT ... ON DUPLICATE KEY UPDATE changes the latest version of the duplicate row. */
    @Test
    void onDuplicateKeyUpdateBuildsOnAConcurrentCommit() throws Exception {
        try (Connection a = fresh("odku"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("UPDATE c SET v = 5 WHERE id = 1");
            }
            assertEquals(2, sb.executeUpdate("INSERT INTO c VALUES (1, 0, 10) ON DUPLICATE KEY UPDATE v = v + 1"));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(6, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 1"));
        }
    }

    /** REPLACE deletes the latest version of the duplicate row (its index entries included). */
    @Test
    void replaceOverAConcurrentCommit() throws Exception {
        try (Connection a = fresh("replace"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("UPDATE c SET v = 5, k = 11 WHERE id = 1");
            }
            assertEquals(2, sb.executeUpdate("REPLACE INTO c VALUES (1, 7, 70)"));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(7, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 1"));
            assertEquals(0, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c FORCE INDEX (k) WHERE k = 11"));
            assertEquals(1, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c FORCE INDEX (k) WHERE k = 70"));
            assertEquals(3, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c FORCE INDEX (k) WHERE k > 0"));
        }
    }

    /** A foreign key's parent check reads the parent's latest version: changed is fine, deleted is 1452. */
    @Test
    void foreignKeyParentCheckReadsTheLatestVersion() throws Exception {
        try (Connection a = fresh("fkparent"); Connection b = endpoint().connect(a.getCatalog())) {
            try (Statement sa = a.createStatement()) {
                sa.execute("CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(10)) ENGINE=InnoDB");
                sa.execute("CREATE TABLE ch (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id)) ENGINE=InnoDB");
                sa.execute("INSERT INTO p VALUES (1, 'a'), (2, 'b')");
            }
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("UPDATE p SET name = 'x' WHERE id = 1");
                sa.executeUpdate("DELETE FROM p WHERE id = 2");
            }
            assertEquals(1, sb.executeUpdate("INSERT INTO ch VALUES (1, 1)"));
            SQLException e = assertThrows(SQLException.class, () -> sb.executeUpdate("INSERT INTO ch VALUES (2, 2)"));
            assertEquals(1452, e.getErrorCode(), e.getMessage());
            b.commit();
            b.setAutoCommit(true);
            assertEquals(1, RowLockingContract.value(sb, "SELECT COUNT(*) FROM ch"));
        }
    }
    /** A locking read sees rows committed after the snapshot (InnoDB reads the latest version of every row it scans). */
    @Test
    void lockingReadSeesRowsCommittedAfterTheSnapshot() throws Exception {
        try (Connection a = fresh("newrows"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sb = begin(b);
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("INSERT INTO c VALUES (4, 4, 40)");
            }
            assertEquals(3, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c"), "the snapshot");
            assertEquals(4, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c FOR UPDATE"), "the latest rows");
            assertEquals(4, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 4 LOCK IN SHARE MODE"));
            assertEquals(1, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c FORCE INDEX (k) WHERE k >= 40 FOR UPDATE"));
            assertEquals(1, sb.executeUpdate("UPDATE c SET v = v + 1 WHERE id = 4"), "UPDATE finds the new row");
            assertEquals(5, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 4"), "own write");
            b.commit();
        }
    }

    /** INSERT of a key committed after the snapshot: 1062 from the latest version, not a conflict. */
    @Test
    void insertOfAKeyCommittedAfterTheSnapshotIsADuplicate() throws Exception {
        try (Connection a = fresh("dupnew"); Connection b = endpoint().connect(a.getCatalog())) {
            try (Statement sa = a.createStatement()) {
                sa.execute("CREATE TABLE u (id INT PRIMARY KEY, code INT, UNIQUE KEY code (code)) ENGINE=InnoDB");
            }
            Statement sb = begin(b);
            RowLockingContract.value(sb, "SELECT COUNT(*) FROM u");
            try (Statement sa = a.createStatement()) {
                sa.executeUpdate("INSERT INTO c VALUES (4, 4, 40)");
                sa.executeUpdate("INSERT INTO u VALUES (1, 100)");
            }
            SQLException pk = assertThrows(SQLException.class, () -> sb.executeUpdate("INSERT INTO c VALUES (4, 0, 0)"));
            assertEquals(1062, pk.getErrorCode(), pk.getMessage());
            SQLException uk = assertThrows(SQLException.class, () -> sb.executeUpdate("INSERT INTO u VALUES (2, 100)"));
            assertEquals(1062, uk.getErrorCode(), uk.getMessage());
            // the transaction goes on: only the statements failed
            assertEquals(1, sb.executeUpdate("INSERT INTO c VALUES (5, 0, 50)"));
            assertEquals(2, sb.executeUpdate("INSERT INTO c VALUES (4, 0, 0) ON DUPLICATE KEY UPDATE v = v + 1"));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(5, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 4"));
            assertEquals(5, RowLockingContract.value(sb, "SELECT COUNT(*) FROM c"));
        }
    }

    /** INSERT of a key another transaction inserted and has not committed waits; its commit makes it 1062. */
    @Test
    void insertWaitsForAnUncommittedInsertOfTheSameKey() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("dupwait"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO c VALUES (4, 4, 40)"));
            Future<Integer> fb = pool.submit(() -> sb.executeUpdate("INSERT INTO c VALUES (4, 0, 0)"));
            assertThrows(TimeoutException.class, () -> fb.get(300, TimeUnit.MILLISECONDS), "b must wait for a's insert");
            a.commit();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> fb.get(20, TimeUnit.SECONDS));
            assertEquals(1062, ((SQLException) e.getCause()).getErrorCode(), e.getCause().getMessage());
            b.rollback();
        } finally {
            pool.shutdownNow();
        }
    }

    /** ... and when the other transaction rolls back, the waiting INSERT goes through. */
    @Test
    void insertAfterTheOtherInsertRollsBackSucceeds() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("dupundo"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a);
            Statement sb = begin(b);
            assertEquals(1, sa.executeUpdate("INSERT INTO c VALUES (4, 4, 40)"));
            Future<Integer> fb = pool.submit(() -> sb.executeUpdate("INSERT INTO c VALUES (4, 0, 0)"));
            assertThrows(TimeoutException.class, () -> fb.get(300, TimeUnit.MILLISECONDS), "b must wait for a's insert");
            a.rollback();
            assertEquals(1, fb.get(20, TimeUnit.SECONDS));
            b.commit();
            b.setAutoCommit(true);
            assertEquals(0, RowLockingContract.value(sb, "SELECT v FROM c WHERE id = 4"));
        } finally {
            pool.shutdownNow();
        }
    }
}
