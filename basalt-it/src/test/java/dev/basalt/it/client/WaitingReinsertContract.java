package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.support.Endpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
 * sysbench oltp_write_only's DELETE + INSERT of one id by two transactions at once: the second
 * transaction's DELETE waits for the first one's row lock; once the first commits (the row deleted
 * and inserted again), the second DELETE deletes that new row (a current read) and its INSERT of
 * the same id succeeds, with no 1062. Through MySQL Connector/J with server-side prepared
 * statements (sysbench's --db-ps-mode=auto) and with text statements. Runs against Basalt and
 * MariaDB (InnoDB).
 */
@Timeout(60)
abstract class WaitingReinsertContract {

    abstract Endpoint endpoint();

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private String fresh(String name) throws SQLException {
        String db = "wr_" + name;
        try (Connection c = endpoint().connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
            s.execute("CREATE TABLE " + db + ".sbtest (id INT PRIMARY KEY, k INT NOT NULL DEFAULT 0,"
                    + " c CHAR(20) NOT NULL DEFAULT '', KEY k (k)) ENGINE=InnoDB");
            s.execute("INSERT INTO " + db + ".sbtest VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c')");
        }
        return db;
    }

    private Connection connect(String db, boolean prepared) throws SQLException {
        String url = Driver.MYSQL.url(endpoint(), db)
                + (prepared ? "&useServerPrepStmts=true&cachePrepStmts=true" : "&useServerPrepStmts=false");
        return DriverManager.getConnection(url, endpoint().user(), endpoint().password());
    }

    /** One sysbench-like client: its statements prepared once, run in explicit transactions. */
    private static final class Client implements AutoCloseable {
        final Connection c;
        final PreparedStatement update;
        final PreparedStatement delete;
        final PreparedStatement insert;
        final PreparedStatement point;

        Client(Connection c) throws SQLException {
            this.c = c;
            c.setAutoCommit(false);
            update = c.prepareStatement("UPDATE sbtest SET k = k + 1 WHERE id = ?");
            delete = c.prepareStatement("DELETE FROM sbtest WHERE id = ?");
            insert = c.prepareStatement("INSERT INTO sbtest (id, k, c) VALUES (?, ?, ?)");
            point = c.prepareStatement("SELECT k FROM sbtest WHERE id = ?");
        }

        int update(int id) throws SQLException {
            update.setInt(1, id);
            return update.executeUpdate();
        }

        int delete(int id) throws SQLException {
            delete.setInt(1, id);
            return delete.executeUpdate();
        }

        int insert(int id, int k, String text) throws SQLException {
            insert.setInt(1, id);
            insert.setInt(2, k);
            insert.setString(3, text);
            return insert.executeUpdate();
        }

        long k(int id) throws SQLException {
            point.setInt(1, id);
            try (ResultSet rs = point.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }

    /**
     * a deletes id 2; b's DELETE of id 2 waits; a inserts id 2 again and commits; b's DELETE then
     * deletes a's row and b's INSERT of id 2 goes through. {@code bFirst} starts b with another
     * write (sysbench's UPDATEs) so b's snapshot predates a's commit.
     */
    private void deleteWaitsThenReinserts(String name, boolean prepared, boolean bFirst) throws Exception {
        String db = fresh(name);
        try (Client a = new Client(connect(db, prepared)); Client b = new Client(connect(db, prepared))) {
            // warm the statements up (a prepared plan made and kept before the interleaving)
            for (int round = 0; round < 3; round++) {
                assertEquals(1, a.update(3));
                assertEquals(1, b.update(1));
                a.c.commit();
                b.c.commit();
            }
            if (bFirst) assertEquals(1, b.update(1));
            assertEquals(1, a.delete(2));
            Future<Integer> bDelete = pool.submit(() -> b.delete(2));
            assertThrows(TimeoutException.class, () -> bDelete.get(300, TimeUnit.MILLISECONDS), "b must wait for a's lock");
            assertEquals(1, a.insert(2, 21, "from a"));
            a.c.commit();
            assertEquals(1, bDelete.get(20, TimeUnit.SECONDS), "b deletes the row a inserted");
            assertEquals(1, b.insert(2, 22, "from b"));
            b.c.commit();
            assertEquals(22, a.k(2));
            a.c.commit();
        }
        try (Connection c = endpoint().connect(db); Statement s = c.createStatement()) {
            assertEquals(3, RowLockingContract.value(s, "SELECT COUNT(*) FROM sbtest"));
            assertEquals(1, RowLockingContract.value(s, "SELECT COUNT(*) FROM sbtest FORCE INDEX (k) WHERE k = 22"));
            assertEquals(0, RowLockingContract.value(s, "SELECT COUNT(*) FROM sbtest FORCE INDEX (k) WHERE k IN (20, 21)"));
        }
    }

    @Test
    void preparedDeleteWaitsThenReinserts() throws Exception {
        deleteWaitsThenReinserts("ps", true, false);
    }

    @Test
    void preparedDeleteWaitsThenReinsertsAfterAnUpdate() throws Exception {
        deleteWaitsThenReinserts("ps_upd", true, true);
    }

    @Test
    void textDeleteWaitsThenReinserts() throws Exception {
        deleteWaitsThenReinserts("text", false, false);
    }

    @Test
    void textDeleteWaitsThenReinsertsAfterAnUpdate() throws Exception {
        deleteWaitsThenReinserts("text_upd", false, true);
    }

    /**
     * The id is missing (sysbench oltp_delete ran before): a's DELETE finds nothing and a inserts
     * the id; b's DELETE of it waits for a's uncommitted insert (InnoDB's implicit lock on the new
     * record), then deletes the row a committed, and b's INSERT goes through. Reading only
     * committed rows without waiting, b's DELETE found nothing and its INSERT then waited for a and
     * failed with 1062: the error sysbench oltp_write_only --db-ps-mode=auto met.
     */
    private void deleteWaitsForAnUncommittedInsert(String name, boolean prepared) throws Exception {
        String db = fresh(name);
        try (Connection c = endpoint().connect(db); Statement s = c.createStatement()) {
            s.execute("DELETE FROM sbtest WHERE id = 2");
        }
        try (Client a = new Client(connect(db, prepared)); Client b = new Client(connect(db, prepared))) {
            assertEquals(1, b.update(1));
            assertEquals(0, a.delete(2));
            assertEquals(1, a.insert(2, 21, "from a"));
            Future<Integer> bDelete = pool.submit(() -> b.delete(2));
            assertThrows(TimeoutException.class, () -> bDelete.get(300, TimeUnit.MILLISECONDS), "b must wait for a's insert");
            a.c.commit();
            assertEquals(1, bDelete.get(20, TimeUnit.SECONDS), "b deletes the row a inserted");
            assertEquals(1, b.insert(2, 22, "from b"));
            b.c.commit();
        }
        try (Connection c = endpoint().connect(db); Statement s = c.createStatement()) {
            assertEquals(3, RowLockingContract.value(s, "SELECT COUNT(*) FROM sbtest"));
            assertEquals(22, RowLockingContract.value(s, "SELECT k FROM sbtest WHERE id = 2"));
            assertEquals(1, RowLockingContract.value(s, "SELECT COUNT(*) FROM sbtest FORCE INDEX (k) WHERE k IN (21, 22)"));
        }
    }

    @Test
    void preparedDeleteWaitsForAnUncommittedInsert() throws Exception {
        deleteWaitsForAnUncommittedInsert("ps_missing", true);
    }

    @Test
    void textDeleteWaitsForAnUncommittedInsert() throws Exception {
        deleteWaitsForAnUncommittedInsert("text_missing", false);
    }

    /** The same without waiting: a's transaction commits first, b's snapshot is older. */
    @Test
    void preparedDeleteAfterACommittedReinsert() throws Exception {
        String db = fresh("ps_seq");
        try (Client a = new Client(connect(db, true)); Client b = new Client(connect(db, true))) {
            assertEquals(1, b.update(1));
            assertEquals(20, b.k(2));
            assertEquals(1, a.delete(2));
            assertEquals(1, a.insert(2, 21, "from a"));
            a.c.commit();
            assertEquals(1, b.delete(2));
            assertEquals(1, b.insert(2, 22, "from b"));
            b.c.commit();
            assertEquals(22, b.k(2));
            b.c.commit();
        }
    }
}
