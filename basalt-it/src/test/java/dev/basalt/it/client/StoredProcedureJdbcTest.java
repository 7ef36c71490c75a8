package dev.basalt.it.client;

import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CALL through both JDBC drivers: a procedure's result sets arrive one after the other
 * (multi-result protocol with SERVER_MORE_RESULTS_EXISTS) followed by the final update count,
 * and OUT parameters come back through user variables.
 */
class StoredProcedureJdbcTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private Connection fresh(Driver d) throws SQLException {
        String db = "sp_" + d.name().toLowerCase();
        try (Connection c = d.connect(server, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        return d.connect(server, db);
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void callReturnsEveryResultSetThenOutParameters(Driver d) throws SQLException {
        try (Connection c = fresh(d); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10))");
            s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            s.execute("""
                    CREATE PROCEDURE report(IN lim INT, OUT n INT)
                    BEGIN
                      SELECT id, name FROM t WHERE id <= lim ORDER BY id;
                      SELECT COUNT(*) AS total FROM t;
                      SELECT COUNT(*) INTO n FROM t WHERE id <= lim;
                    END""");

            assertTrue(s.execute("CALL report(2, @n)"));
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt("id"));
                assertTrue(rs.next());
                assertEquals("b", rs.getString("name"));
                assertFalse(rs.next());
            }
            assertTrue(s.getMoreResults());
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt("total"));
            }
            assertFalse(s.getMoreResults());
            assertEquals(0, s.getUpdateCount());
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());

            try (ResultSet rs = s.executeQuery("SELECT @n")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
            // the connection is in step after the chained results
            try (ResultSet rs = s.executeQuery("SELECT 42")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    /**
     * CallableStatement with OUT and INOUT parameters: MySQL Connector/J passes them through user
     * variables; MariaDB Connector/J prepares the CALL on the server and reads the OUT values from
     * the result set flagged SERVER_PS_OUT_PARAMS.
     */
    @ParameterizedTest
    @EnumSource(Driver.class)
    void callableStatementWithOutParameters(Driver d) throws SQLException {
        try (Connection c = fresh(d); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
            s.execute("""
                    CREATE PROCEDURE counts(IN lim INT, OUT below INT, INOUT factor INT)
                    BEGIN
                      SELECT id FROM t WHERE id <= lim ORDER BY id;
                      SELECT COUNT(*) INTO below FROM t WHERE id <= lim;
                      SET factor = factor * below;
                    END""");
            try (java.sql.CallableStatement cs = c.prepareCall("{call counts(?, ?, ?)}")) {
                cs.setInt(1, 2);
                cs.registerOutParameter(2, java.sql.Types.INTEGER);
                cs.setInt(3, 10);
                cs.registerOutParameter(3, java.sql.Types.INTEGER);
                assertTrue(cs.execute());
                try (ResultSet rs = cs.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    assertTrue(rs.next());
                    assertEquals(2, rs.getInt(1));
                    assertFalse(rs.next());
                }
                assertEquals(2, cs.getInt(2));
                assertEquals(20, cs.getInt(3));
            }
        }
    }

    /** A CALL prepared on the server (COM_STMT_EXECUTE) chains its results like a text CALL. */
    @ParameterizedTest
    @EnumSource(Driver.class)
    void serverPreparedCallReturnsEveryResultSet(Driver d) throws SQLException {
        try (Connection setup = fresh(d); Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
            s.execute("CREATE PROCEDURE two(IN lim INT) BEGIN SELECT id FROM t WHERE id <= lim ORDER BY id; SELECT COUNT(*) FROM t; END");
        }
        String db = "sp_" + d.name().toLowerCase();
        try (Connection c = java.sql.DriverManager.getConnection(d.url(server, db) + "&useServerPrepStmts=true",
                server.user(), server.password());
             java.sql.PreparedStatement ps = c.prepareStatement("CALL two(?)")) {
            ps.setInt(1, 1);
            assertTrue(ps.execute());
            try (ResultSet rs = ps.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertFalse(rs.next());
            }
            assertTrue(ps.getMoreResults());
            try (ResultSet rs = ps.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
            assertFalse(ps.getMoreResults());
            assertEquals(0, ps.getUpdateCount());
            // the connection is in step afterwards
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 7")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    /** DatabaseMetaData reads information_schema.ROUTINES and PARAMETERS. */
    @ParameterizedTest
    @EnumSource(Driver.class)
    void metadataListsProceduresAndTheirParameters(Driver d) throws SQLException {
        try (Connection c = fresh(d); Statement s = c.createStatement()) {
            s.execute("CREATE PROCEDURE meta_p(IN a INT, OUT b VARCHAR(20)) BEGIN SET b = 'x'; END");
            java.sql.DatabaseMetaData md = c.getMetaData();
            String catalog = c.getCatalog();
            try (ResultSet rs = md.getProcedures(catalog, null, "meta_p")) {
                assertTrue(rs.next());
                assertEquals("meta_p", rs.getString("PROCEDURE_NAME"));
            }
            List<String> columns = new java.util.ArrayList<>();
            try (ResultSet rs = md.getProcedureColumns(catalog, null, "meta_p", "%")) {
                while (rs.next()) columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("COLUMN_TYPE"));
            }
            assertEquals(List.of("a:" + java.sql.DatabaseMetaData.procedureColumnIn,
                    "b:" + java.sql.DatabaseMetaData.procedureColumnOut), columns);
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void callWithoutResultSetsIsAnUpdate(Driver d) throws SQLException {
        try (Connection c = fresh(d); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE log (v INT)");
            s.execute("CREATE PROCEDURE add_log(IN v INT) INSERT INTO log VALUES (v)");
            assertFalse(s.execute("CALL add_log(5)"));
            try (ResultSet rs = s.executeQuery("SELECT v FROM log")) {
                assertTrue(rs.next());
                assertEquals(5, rs.getInt(1));
            }
        }
    }
}
