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
 * Isolation on Basalt, plus its optimistic rule (first committer wins, the loser gets 1213 / 40001),
 * which InnoDB does not share (it locks and would let the second writer proceed).
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

    /**
     * A child row inserted in one transaction while another deletes its parent: the child check
     * locked the parent row, so the later of the two commits gets 1213 and no orphan remains.
     */
    @Test
    void concurrentParentDeleteAndChildInsertLeaveNoOrphan() throws Exception {
        try (Connection a = fresh("fkrace"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE p (id INT PRIMARY KEY)");
            sa.execute("CREATE TABLE c (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id))");
            sa.execute("INSERT INTO p VALUES (1)");
            try (Connection b = endpoint().connect(a.getCatalog()); Statement sb = b.createStatement()) {
                a.setAutoCommit(false);
                sa.executeUpdate("INSERT INTO c VALUES (1, 1)");
                // b does not see a's child yet, so its delete passes the parent-side check and commits
                assertEquals(1, sb.executeUpdate("DELETE FROM p WHERE id = 1"));
                SQLException e = assertThrows(SQLException.class, a::commit);
                assertEquals(1213, e.getErrorCode(), e.getMessage());
                a.rollback();
                a.setAutoCommit(true);
                assertEquals(0, value(sa, "SELECT COUNT(*) FROM c"));
            }
        }
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
}
