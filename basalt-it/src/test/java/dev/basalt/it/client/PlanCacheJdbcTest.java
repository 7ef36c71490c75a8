package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MemoryServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plan cache of prepared statements through MySQL Connector/J with useServerPrepStmts=true
 * (COM_STMT_PREPARE once, COM_STMT_EXECUTE many times): one statement object stays prepared while
 * another connection changes what its kept plan depends on, and each execution after a change
 * returns what a fresh statement would.
 */
class PlanCacheJdbcTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    private Connection root(String db) throws SQLException {
        return DriverManager.getConnection(Driver.MYSQL.url(server, db) + "&useServerPrepStmts=true&cachePrepStmts=false",
                server.user(), server.password());
    }

    private Connection as(String user, String db) throws SQLException {
        return DriverManager.getConnection(Driver.MYSQL.url(server, db) + "&useServerPrepStmts=true", user, "pw");
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    private static PreparedStatement serverSide(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        assertTrue(ps.getClass().getName().contains("ServerPreparedStatement"), ps.getClass().getName());
        return ps;
    }

    private static List<String> rows(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void ddlFromAnotherConnectionIsSeenAtTheNextExecution() throws Exception {
        try (Connection admin = root("")) {
            exec(admin, "CREATE DATABASE IF NOT EXISTS pcj_ddl");
        }
        try (Connection admin = root("pcj_ddl"); Connection app = root("pcj_ddl")) {
            exec(admin, "CREATE TABLE t (id INT PRIMARY KEY, k INT, c VARCHAR(10), KEY (k))",
                    "INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 10, 'c')");
            // explicit columns: the drivers keep the column count PREPARE reported
            PreparedStatement byId = serverSide(app, "SELECT id, k, c FROM t WHERE id = ?");
            PreparedStatement byK = serverSide(app, "SELECT id FROM t WHERE k = ? ORDER BY id");
            for (int i = 0; i < 3; i++) assertEquals(List.of("1|10|a"), rows(byId, 1));
            assertEquals(List.of("1", "3"), rows(byK, 10));

            // a column added first moves every other one: the plan made before reads wrong positions
            exec(admin, "ALTER TABLE t ADD COLUMN extra VARCHAR(5) DEFAULT 'x' FIRST");
            assertEquals(List.of("2|20|b"), rows(byId, 2));
            exec(admin, "DROP INDEX k ON t");
            assertEquals(List.of("1", "3"), rows(byK, 10));
            exec(admin, "CREATE INDEX k2 ON t (k)", "INSERT INTO t VALUES ('y', 4, 10, 'd')");
            assertEquals(List.of("1", "3", "4"), rows(byK, 10));
            exec(admin, "ANALYZE TABLE t");
            assertEquals(List.of("1", "3", "4"), rows(byK, 10));
            exec(admin, "TRUNCATE TABLE t");
            assertEquals(List.of(), rows(byK, 10));
            exec(admin, "DROP TABLE t", "CREATE TABLE t (c VARCHAR(10), k INT, id INT PRIMARY KEY)", "INSERT INTO t VALUES ('new', 5, 1)");
            assertEquals(List.of("1|5|new"), rows(byId, 1));
            exec(admin, "RENAME TABLE t TO t_gone");
            SQLException gone = assertThrows(SQLException.class, () -> rows(byId, 1));
            assertEquals(1146, gone.getErrorCode());
            exec(admin, "RENAME TABLE t_gone TO t");
            assertEquals(List.of("1|5|new"), rows(byId, 1));
        }
    }

    @Test
    void sessionStateChangesAreSeen() throws Exception {
        try (Connection app = root("")) {
            exec(app, "CREATE DATABASE IF NOT EXISTS pcj_session", "USE pcj_session",
                    "CREATE TABLE t (id INT PRIMARY KEY, c VARCHAR(10), ts TIMESTAMP NULL)",
                    "SET time_zone = '+00:00'", "INSERT INTO t VALUES (1, 'base', '2024-01-01 12:00:00')");
            PreparedStatement ps = serverSide(app, "SELECT c, ts FROM t WHERE id = ?");
            assertEquals(List.of("base|2024-01-01 12:00:00"), rows(ps, 1));
            assertEquals(List.of("base|2024-01-01 12:00:00"), rows(ps, 1));
            exec(app, "SET time_zone = '+02:00'");
            assertEquals(List.of("base|2024-01-01 14:00:00"), rows(ps, 1));
            exec(app, "SET sql_mode = 'ANSI_QUOTES'");
            assertEquals(List.of("base|2024-01-01 14:00:00"), rows(ps, 1));
            exec(app, "CREATE TEMPORARY TABLE t (id INT PRIMARY KEY, c VARCHAR(10), ts TIMESTAMP NULL)",
                    "INSERT INTO t VALUES (1, 'temporary', NULL)");
            assertEquals(List.of("temporary|null"), rows(ps, 1));
            exec(app, "DROP TEMPORARY TABLE t");
            assertEquals(List.of("base|2024-01-01 14:00:00"), rows(ps, 1));
            // another current database: the statement keeps reading the one it was prepared in (MySQL)
            exec(app, "CREATE DATABASE IF NOT EXISTS pcj_session2", "USE pcj_session2");
            assertEquals(List.of("base|2024-01-01 14:00:00"), rows(ps, 1));
        }
    }

    @Test
    void revokeIsEnforcedAtTheNextExecution() throws Exception {
        try (Connection admin = root("")) {
            exec(admin, "CREATE DATABASE IF NOT EXISTS pcj_priv", "CREATE TABLE pcj_priv.t (id INT PRIMARY KEY, c VARCHAR(10))",
                    "INSERT INTO pcj_priv.t VALUES (1, 'secret')", "CREATE USER pcj_reader@'%' IDENTIFIED BY 'pw'",
                    "GRANT SELECT ON pcj_priv.t TO pcj_reader@'%'");
            try (Connection reader = as("pcj_reader", "pcj_priv")) {
                PreparedStatement ps = serverSide(reader, "SELECT c FROM t WHERE id = ?");
                assertEquals(List.of("secret"), rows(ps, 1));
                assertEquals(List.of("secret"), rows(ps, 1));
                exec(admin, "REVOKE SELECT ON pcj_priv.t FROM pcj_reader@'%'");
                SQLException denied = assertThrows(SQLException.class, () -> rows(ps, 1));
                assertEquals(1142, denied.getErrorCode());
                exec(admin, "GRANT SELECT (id) ON pcj_priv.t TO pcj_reader@'%'");
                SQLException column = assertThrows(SQLException.class, () -> rows(ps, 1));
                assertEquals(1143, column.getErrorCode());
                exec(admin, "GRANT SELECT ON pcj_priv.* TO pcj_reader@'%'");
                assertEquals(List.of("secret"), rows(ps, 1));
            }
        }
    }

    @Test
    void viewsAndFunctionsRedefinedAreSeen() throws Exception {
        try (Connection admin = root(""); Connection app = root("")) {
            exec(admin, "CREATE DATABASE IF NOT EXISTS pcj_obj", "USE pcj_obj", "CREATE TABLE t (id INT PRIMARY KEY, c VARCHAR(10))",
                    "INSERT INTO t VALUES (1, 'abc')", "CREATE VIEW v AS SELECT id, c FROM t",
                    "CREATE FUNCTION f(x VARCHAR(10)) RETURNS VARCHAR(20) DETERMINISTIC RETURN CONCAT(x, '!')");
            exec(app, "USE pcj_obj");
            PreparedStatement view = serverSide(app, "SELECT c FROM v WHERE id = ?");
            PreparedStatement fn = serverSide(app, "SELECT f(c) FROM t WHERE id = ?");
            assertEquals(List.of("abc"), rows(view, 1));
            assertEquals(List.of("abc!"), rows(fn, 1));
            exec(admin, "CREATE OR REPLACE VIEW v AS SELECT id, UPPER(c) AS c FROM t", "DROP FUNCTION f",
                    "CREATE FUNCTION f(x VARCHAR(10)) RETURNS VARCHAR(20) DETERMINISTIC RETURN CONCAT(x, '?')");
            assertEquals(List.of("ABC"), rows(view, 1));
            assertEquals(List.of("abc?"), rows(fn, 1));
        }
    }
}
