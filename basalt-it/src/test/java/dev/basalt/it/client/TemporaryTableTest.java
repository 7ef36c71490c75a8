package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TEMPORARY tables between sessions: another session never sees them (it sees the base table of
 * the name), and they vanish at disconnect and COM_RESET_CONNECTION. The same scenario runs
 * against the MariaDB fixture to prove the expectations.
 */
class TemporaryTableTest {
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        basalt = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
    }

    @Test
    void privateToTheirSessionOnBasalt() throws SQLException {
        privateToTheirSession(basalt, "tmp_basalt");
    }

    @Test
    void privateToTheirSessionOnMariaDb() throws Exception {
        privateToTheirSession(MariaDbFixture.require(), "tmp_mariadb");
    }

    @Test
    void goneAfterResetConnectionOnBasalt() throws SQLException {
        goneAfterResetConnection(basalt, "tmp_reset_basalt");
    }

    @Test
    void goneAfterResetConnectionOnMariaDb() throws Exception {
        goneAfterResetConnection(MariaDbFixture.require(), "tmp_reset_mariadb");
    }

    private static void privateToTheirSession(Endpoint e, String db) throws SQLException {
        createDatabase(e, db);
        try (Connection a = e.connect(db); Statement sa = a.createStatement();
             Connection b = e.connect(db); Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE shared (v VARCHAR(10))");
            sa.execute("INSERT INTO shared VALUES ('base')");
            sa.execute("CREATE TEMPORARY TABLE shared (v VARCHAR(10))");
            sa.execute("INSERT INTO shared VALUES ('mine')");
            sa.execute("CREATE TEMPORARY TABLE only_a (x INT)");

            assertEquals("mine", single(sa, "SELECT v FROM shared"));
            assertEquals("base", single(sb, "SELECT v FROM shared"));
            SQLException missing = assertThrows(SQLException.class, () -> sb.executeQuery("SELECT * FROM only_a"));
            assertEquals(1146, missing.getErrorCode());
            // B's DROP TEMPORARY must neither see A's table nor touch the base table
            SQLException unknown = assertThrows(SQLException.class, () -> sb.execute("DROP TEMPORARY TABLE shared"));
            assertEquals(1051, unknown.getErrorCode());
            assertEquals("base", single(sb, "SELECT v FROM shared"));
            assertEquals("mine", single(sa, "SELECT v FROM shared"));

            // B may have its own temporary table of the same name
            sb.execute("CREATE TEMPORARY TABLE only_a (y VARCHAR(5))");
            sb.execute("INSERT INTO only_a VALUES ('b')");
            assertEquals("b", single(sb, "SELECT y FROM only_a"));
            try (ResultSet rs = sa.executeQuery("SELECT COUNT(*) FROM only_a")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
        }
        // A disconnected: its temporary tables are gone, the base table is intact
        try (Connection c = e.connect(db); Statement s = c.createStatement()) {
            assertEquals("base", single(s, "SELECT v FROM shared"));
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM only_a"));
            s.execute("CREATE TEMPORARY TABLE only_a (z INT)"); // no leftover name clash
        }
    }

    private static void goneAfterResetConnection(Endpoint e, String db) throws SQLException {
        createDatabase(e, db);
        try (Connection c = Driver.MYSQL.connect(e, db)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE t (a INT)");
                s.execute("INSERT INTO t VALUES (1)");
            }
            // MySQL Connector/J's resetServerState() sends COM_RESET_CONNECTION
            c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).resetServerState();
            try (Statement s = c.createStatement()) {
                SQLException gone = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM t"));
                assertEquals(1146, gone.getErrorCode());
            }
        }
    }

    private static void createDatabase(Endpoint e, String db) throws SQLException {
        try (Connection c = e.connect(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            String v = rs.getString(1);
            assertFalse(rs.next(), sql);
            return v;
        }
    }
}
