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
 * The locks InnoDB takes on rows a writing statement only reads, through real client connections:
 * INSERT ... SELECT under REPEATABLE READ reads its source with shared locks (none under READ
 * COMMITTED), and a multi-table UPDATE / DELETE locks the rows of the tables it only reads in share
 * mode (the rows it changes exclusively). Runs against Basalt and MariaDB (InnoDB).
 */
@Timeout(60)
abstract class SourceLockingContract {

    abstract Endpoint endpoint();

    private Connection fresh(String name) throws SQLException {
        String db = "sl_" + name;
        try (Connection c = endpoint().connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
            s.execute("CREATE TABLE " + db + ".src (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
            s.execute("CREATE TABLE " + db + ".dst (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
            s.execute("INSERT INTO " + db + ".src VALUES (1, 10), (2, 20)");
            s.execute("INSERT INTO " + db + ".dst VALUES (1, 0), (2, 0)");
        }
        return endpoint().connect(db);
    }

    private static Statement begin(Connection c, String isolation) throws SQLException {
        Statement s = c.createStatement();
        s.execute("SET SESSION TRANSACTION ISOLATION LEVEL " + isolation);
        c.setAutoCommit(false);
        return s;
    }

    /** Runs {@code sql} on {@code other}; asserts it is still waiting after 300 ms. */
    private static Future<Integer> blocked(ExecutorService pool, Connection other, String sql) {
        Future<Integer> f = pool.submit(() -> {
            try (Statement s = other.createStatement()) {
                return s.execute(sql) ? 0 : s.getUpdateCount();
            }
        });
        assertThrows(TimeoutException.class, () -> f.get(300, TimeUnit.MILLISECONDS), sql + " must wait");
        return f;
    }

    private static int quickly(ExecutorService pool, Connection other, String sql) throws Exception {
        return pool.submit(() -> {
            try (Statement s = other.createStatement()) {
                return s.execute(sql) ? 0 : s.getUpdateCount();
            }
        }).get(5, TimeUnit.SECONDS);
    }

    /** INSERT ... SELECT under REPEATABLE READ: an UPDATE of a source row waits for the inserting transaction. */
    @Test
    void insertSelectLocksTheSourceRowsUnderRepeatableRead() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("insrr"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a, "REPEATABLE READ");
            assertEquals(2, sa.executeUpdate("INSERT INTO dst SELECT id + 10, v FROM src"));
            // shared locks: another reader in share mode is not blocked, a writer is
            quickly(pool, b, "SELECT v FROM src WHERE id = 1 LOCK IN SHARE MODE");
            Future<Integer> fb = blocked(pool, b, "UPDATE src SET v = v + 1 WHERE id = 1");
            a.commit();
            assertEquals(1, fb.get(20, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** INSERT ... SELECT under READ COMMITTED reads its source without locks. */
    @Test
    void insertSelectTakesNoSourceLocksUnderReadCommitted() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("insrc"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a, "READ COMMITTED");
            assertEquals(2, sa.executeUpdate("INSERT INTO dst SELECT id + 10, v FROM src"));
            assertEquals(1, quickly(pool, b, "UPDATE src SET v = v + 1 WHERE id = 1"));
            a.commit();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A multi-table UPDATE locks the rows it changes exclusively and the rows it only reads in share mode. */
    @Test
    void multiTableUpdateLocksReadOnlyRowsShared() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("mupd"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a, "REPEATABLE READ");
            assertEquals(2, sa.executeUpdate("UPDATE dst JOIN src ON dst.id = src.id SET dst.v = src.v"));
            quickly(pool, b, "SELECT v FROM src WHERE id = 1 LOCK IN SHARE MODE");
            Future<Integer> fw = blocked(pool, b, "UPDATE src SET v = 0 WHERE id = 2");
            a.commit();
            assertEquals(1, fw.get(20, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The rows a multi-table UPDATE changes are locked exclusively: even a share-mode read waits. */
    @Test
    void multiTableUpdateLocksChangedRowsExclusively() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("mupdx"); Connection b = endpoint().connect(a.getCatalog())) {
            b.setAutoCommit(false);
            Statement sa = begin(a, "REPEATABLE READ");
            assertEquals(2, sa.executeUpdate("UPDATE dst JOIN src ON dst.id = src.id SET dst.v = src.v"));
            Future<Integer> fr = blocked(pool, b, "SELECT v FROM dst WHERE id = 1 LOCK IN SHARE MODE");
            a.commit();
            fr.get(20, TimeUnit.SECONDS);
            b.rollback();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A multi-table DELETE locks the rows of the table it only reads in share mode. */
    @Test
    void multiTableDeleteLocksReadOnlyRowsShared() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = fresh("mdel"); Connection b = endpoint().connect(a.getCatalog())) {
            Statement sa = begin(a, "REPEATABLE READ");
            assertEquals(2, sa.executeUpdate("DELETE dst FROM dst JOIN src ON dst.id = src.id"));
            quickly(pool, b, "SELECT v FROM src WHERE id = 2 LOCK IN SHARE MODE");
            Future<Integer> fw = blocked(pool, b, "DELETE FROM src WHERE id = 2");
            a.commit();
            assertEquals(1, fw.get(20, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
