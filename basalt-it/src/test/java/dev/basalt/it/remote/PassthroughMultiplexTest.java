package dev.basalt.it.remote;

import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.MysqlTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Multiplexed passthrough (mysql-multiplex 3): many clients over few backend connections, and
 * session state (user variables, transactions, temporary tables, LAST_INSERT_ID) pinning its client
 * to one backend so it is never lost or seen by another client.
 */
@Timeout(120)
class PassthroughMultiplexTest {
    private static final int BACKENDS = 3;
    private static MariaDbServer maria;
    private static TestServer basalt;
    private static Connection remote;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        remote = maria.connect("");
        exec(remote, "DROP DATABASE IF EXISTS pt_mux", "CREATE DATABASE pt_mux",
                "CREATE TABLE pt_mux.t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)", "INSERT INTO pt_mux.t (v) VALUES (1), (2)");
        MysqlTarget target = new MysqlTarget(maria.host(), maria.port(), maria.user(), maria.password(), "", 2)
                .withMultiplex(BACKENDS);
        basalt = Remote.basalt(target, 0, 10);
    }

    @AfterAll
    static void stop() throws Exception {
        if (basalt != null) basalt.close();
        if (remote != null) {
            exec(remote, "DROP DATABASE IF EXISTS pt_mux");
            remote.close();
        }
    }

    /** Connections on the remote from Basalt (every connection but the test's own direct one). */
    private static long remoteConnections() throws SQLException {
        return Remote.scalarLong(remote, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID()"
                + " AND COMMAND <> 'Daemon'");
    }

    @Test
    void manyClientsShareFewBackends() throws Exception {
        List<Connection> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 24; i++) clients.add(Remote.connect(basalt, "pt_mux", ""));
            List<Future<Long>> sums = new ArrayList<>();
            for (Connection c : clients) {
                sums.add(pool.submit(() -> {
                    long sum = 0;
                    for (int k = 0; k < 50; k++) sum += Remote.scalarLong(c, "SELECT SUM(v) FROM t WHERE id <= 2");
                    return sum;
                }));
            }
            for (Future<Long> f : sums) assertEquals(150, f.get());
            // the pooled idle one of start-up, at most BACKENDS shared ones
            long n = remoteConnections();
            assertTrue(n <= BACKENDS + 1, n + " remote connections for 24 clients over " + BACKENDS);
        } finally {
            pool.shutdownNow();
            for (Connection c : clients) c.close();
        }
    }

    @Test
    void sessionStatePinsItsClient() throws Exception {
        try (Connection a = Remote.connect(basalt, "pt_mux", ""); Connection other = Remote.connect(basalt, "pt_mux", "");
             Statement sa = a.createStatement()) {
            sa.execute("SET @x = 42");
            churn(other);
            assertEquals(42, Remote.scalarLong(a, "SELECT @x"), "user variable kept");
            sa.execute("CREATE TEMPORARY TABLE tmp (id INT)");
            sa.execute("INSERT INTO tmp VALUES (7)");
            churn(other);
            assertEquals(7, Remote.scalarLong(a, "SELECT id FROM tmp"), "temporary table kept");
        }
        try (Connection a = Remote.connect(basalt, "pt_mux", ""); Connection other = Remote.connect(basalt, "pt_mux", "");
             Statement sa = a.createStatement()) {
            sa.executeUpdate("INSERT INTO t (v) VALUES (0)");
            long id = Remote.scalarLong(remote, "SELECT MAX(id) FROM pt_mux.t");
            churn(other);
            assertEquals(id, Remote.scalarLong(a, "SELECT LAST_INSERT_ID()"), "LAST_INSERT_ID of this session");
            sa.executeUpdate("DELETE FROM t WHERE id = " + id);
        }
    }

    @Test
    void transactionsStayOnOneBackendUntilTheyEnd() throws Exception {
        try (Connection a = Remote.connect(basalt, "pt_mux", ""); Connection other = Remote.connect(basalt, "pt_mux", "");
             Statement sa = a.createStatement()) {
            sa.execute("BEGIN");
            sa.executeUpdate("UPDATE t SET v = 100 WHERE id = 1");
            churn(other);
            assertEquals(1, Remote.scalarLong(other, "SELECT v FROM t WHERE id = 1"), "uncommitted: not seen by others");
            assertEquals(100, Remote.scalarLong(a, "SELECT v FROM t WHERE id = 1"), "seen in the transaction");
            sa.execute("ROLLBACK");
            assertEquals(1, Remote.scalarLong(a, "SELECT v FROM t WHERE id = 1"));
        }
    }

    /** Pinned clients hold their backends: with all of them pinned, another client waits, then 1429. */
    @Test
    void pinnedClientsHoldTheirSlots() throws Exception {
        List<Connection> pinned = new ArrayList<>();
        try {
            for (int i = 0; i < BACKENDS; i++) {
                Connection c = Remote.connect(basalt, "pt_mux", "");
                exec(c, "SET @pin = 1");
                pinned.add(c);
            }
            SQLException e = Remote.expectError(() -> Remote.connect(basalt, "pt_mux", "").close());
            assertEquals(1429, e.getErrorCode(), e.getMessage());
            assertTrue(e.getMessage().contains("mysql-multiplex"), e.getMessage());
        } finally {
            for (Connection c : pinned) c.close();
        }
        try (Connection c = Remote.connect(basalt, "pt_mux", "")) { // slots free again
            assertEquals(2, Remote.scalarLong(c, "SELECT COUNT(*) FROM t WHERE id <= 2"));
        }
    }

    /**
     * Server-side prepared statements do not pin: each client's statements follow it to whichever
     * backend serves it (prepared there once per text, shared by clients), with each client's own
     * parameter types, and the remote holds a few statements rather than one per client.
     */
    @Test
    void preparedStatementsMoveWithTheirClients() throws Exception {
        List<Connection> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        String ps = "&useServerPrepStmts=true&cachePrepStmts=false";
        try {
            for (int i = 0; i < 24; i++) clients.add(Remote.connect(basalt, "pt_mux", ps.substring(1)));
            List<Future<Long>> sums = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                Connection c = clients.get(i);
                boolean asText = i % 2 == 0; // the same statement with other parameter types
                sums.add(pool.submit(() -> {
                    long sum = 0;
                    try (java.sql.PreparedStatement st = c.prepareStatement("SELECT SUM(v) FROM t WHERE id <= ?");
                         java.sql.PreparedStatement other = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
                        for (int k = 0; k < 30; k++) {
                            if (asText) st.setString(1, "2");
                            else st.setInt(1, 2);
                            try (ResultSet rs = st.executeQuery()) {
                                rs.next();
                                sum += rs.getLong(1);
                            }
                            other.setInt(1, 1 + k % 2);
                            try (ResultSet rs = other.executeQuery()) {
                                rs.next();
                                assertEquals(1 + k % 2, rs.getInt(1));
                            }
                        }
                    }
                    return sum;
                }));
            }
            for (Future<Long> f : sums) assertEquals(30 * 3, f.get());
            long n = remoteConnections();
            assertTrue(n <= BACKENDS + 1, n + " remote connections for 24 clients with prepared statements over " + BACKENDS);
            long statements = Remote.scalarLong(remote, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                    + " WHERE VARIABLE_NAME = 'PREPARED_STMT_COUNT'");
            assertTrue(statements <= 4L * BACKENDS, statements + " statements on the remote: prepared once per backend and text");
        } finally {
            pool.shutdownNow();
            for (Connection c : clients) c.close();
        }
        // more clients holding prepared statements than backends: none of them pins one
        List<java.sql.PreparedStatement> held = new ArrayList<>();
        try {
            for (int i = 0; i < BACKENDS + 2; i++) {
                Connection c = Remote.connect(basalt, "pt_mux", ps.substring(1));
                clients.add(c);
                java.sql.PreparedStatement st = c.prepareStatement("SELECT v + ? FROM t WHERE id = 1");
                st.setInt(1, i);
                try (ResultSet rs = st.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1 + i, rs.getInt(1));
                }
                held.add(st);
            }
            for (int i = 0; i < held.size(); i++) {
                try (ResultSet rs = held.get(i).executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1 + i, rs.getInt(1), "each client's own statement and value");
                }
            }
        } finally {
            for (Connection c : clients) c.close();
        }
    }

    /**
     * Prepared BEGIN and ROLLBACK (sysbench prepares them): the backend is held from the execution
     * of BEGIN to that of ROLLBACK, and given back after, so more such clients than backends work.
     */
    @Test
    void preparedTransactionsHoldTheirBackendUntilTheyEnd() throws Exception {
        List<Connection> clients = new ArrayList<>();
        try {
            for (int i = 0; i < BACKENDS + 2; i++) {
                Connection c = Remote.connect(basalt, "pt_mux", "useServerPrepStmts=true");
                clients.add(c);
                try (java.sql.PreparedStatement begin = c.prepareStatement("BEGIN");
                     java.sql.PreparedStatement update = c.prepareStatement("UPDATE t SET v = ? WHERE id = 1");
                     java.sql.PreparedStatement read = c.prepareStatement("SELECT v FROM t WHERE id = 1");
                     java.sql.PreparedStatement rollback = c.prepareStatement("ROLLBACK")) {
                    begin.execute();
                    update.setInt(1, 100 + i);
                    update.executeUpdate();
                    assertEquals(1, Remote.scalarLong(remote, "SELECT v FROM pt_mux.t WHERE id = 1"), "not committed");
                    try (ResultSet rs = read.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(100 + i, rs.getInt(1), "the transaction's own backend");
                    }
                    rollback.execute();
                }
            }
            assertEquals(1, Remote.scalarLong(remote, "SELECT v FROM pt_mux.t WHERE id = 1"));
        } finally {
            for (Connection c : clients) c.close();
        }
    }

    /** Other statements on other backends in between. */
    private static void churn(Connection other) throws SQLException {
        for (int i = 0; i < 5; i++) {
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
            }
        }
    }
}
