package dev.basalt.it.security;

import static dev.basalt.it.security.AccountsTest.column;
import static dev.basalt.it.security.AccountsTest.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.client.Driver;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Column grants of the account running a statement, on tables and on views (a join view's columns
 * are granted as a table's), with MySQL 8's errors and texts: a column named without the privilege
 * gets 1143 naming it, a statement needing every column (SELECT *, INSERT without a column list)
 * gets 1142 naming the table. UPDATE needs UPDATE on the columns it sets and SELECT on those it
 * reads (WHERE, ORDER BY, the values); INSERT needs INSERT on the columns it gives and UPDATE on
 * those its ON DUPLICATE KEY UPDATE sets. Texts checked against MariaDB 10.11 (which writes the
 * table of 1142 as `db`.`t`; MySQL 8 writes 't').
 */
class ColumnGrantsTest {
    private static TestServer server;
    private static final Driver DRIVER = Driver.MYSQL;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        try (Connection root = DRIVER.connect(server, "")) {
            exec(root,
                    "CREATE DATABASE cg",
                    "CREATE TABLE cg.t (id INT PRIMARY KEY, a INT, b INT)",
                    "CREATE TABLE cg.u (id INT PRIMARY KEY, x INT, y INT)",
                    "INSERT INTO cg.t VALUES (1, 1, 1), (2, 2, 2)",
                    "INSERT INTO cg.u VALUES (1, 10, 10), (2, 20, 20)",
                    "CREATE VIEW cg.j AS SELECT t.id, t.a, t.b, u.x, u.y FROM cg.t JOIN cg.u ON t.id = u.id",
                    "CREATE USER 'colgrant'@'%' IDENTIFIED BY 'pw'",
                    "GRANT SELECT (id, b), UPDATE (b), INSERT (id, b) ON cg.t TO 'colgrant'@'%'",
                    "GRANT SELECT (id, b), UPDATE (b) ON cg.j TO 'colgrant'@'%'");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Connection user() throws SQLException { return DRIVER.connect(server, "cg", "colgrant", "pw"); }

    /** The error code and text a statement fails with. */
    static String failure(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> exec(c, sql), sql);
        return e.getErrorCode() + " " + e.getMessage();
    }

    static String denied(String what, String column, String table) {
        return "1143 " + what + " command denied to user 'colgrant'@'localhost' for column '" + column + "' in table '" + table + "'";
    }

    static String tableDenied(String what, String table) {
        return "1142 " + what + " command denied to user 'colgrant'@'localhost' for table '" + table + "'";
    }

    @Test
    void tableColumnsAreCheckedOneByOne() throws Exception {
        try (Connection c = user()) {
            assertEquals(denied("UPDATE", "a", "t"), failure(c, "UPDATE cg.t SET a = 5"));
            assertEquals(denied("SELECT", "a", "t"), failure(c, "UPDATE cg.t SET b = 5 WHERE a = 1"));
            assertEquals(denied("SELECT", "a", "t"), failure(c, "UPDATE cg.t SET b = a"));
            assertEquals(denied("SELECT", "a", "t"), failure(c, "UPDATE cg.t SET b = 1 ORDER BY a LIMIT 1"));
            assertEquals(denied("INSERT", "a", "t"), failure(c, "INSERT INTO cg.t (id, a) VALUES (3, 3)"));
            assertEquals(denied("INSERT", "a", "t"), failure(c, "INSERT INTO cg.t SET id = 3, a = 3"));
            assertEquals(tableDenied("INSERT", "t"), failure(c, "INSERT INTO cg.t VALUES (3, 3, 3)"));
            assertEquals(denied("UPDATE", "a", "t"),
                    failure(c, "INSERT INTO cg.t (id, b) VALUES (1, 1) ON DUPLICATE KEY UPDATE a = 1"));
            assertEquals(tableDenied("SELECT", "t"), failure(c, "SELECT * FROM cg.t"));
            // what the grants allow
            exec(c, "UPDATE cg.t SET b = b + 10 WHERE id = 1", "INSERT INTO cg.t (id, b) VALUES (3, 3)");
            assertEquals(List.of("1:11", "2:2", "3:3"), column(c, "SELECT CONCAT(id, ':', b) FROM cg.t ORDER BY id"));
        }
        try (Connection r = DRIVER.connect(server, "cg")) {
            assertEquals(List.of("1", "2", "null"), column(r, "SELECT IFNULL(a, 'null') FROM cg.t ORDER BY id"));
            exec(r, "DELETE FROM cg.t WHERE id = 3", "UPDATE cg.t SET b = id");
        }
    }

    @Test
    void joinViewColumnsAreCheckedOneByOne() throws Exception {
        try (Connection c = user()) {
            assertEquals(denied("SELECT", "a", "j"), failure(c, "SELECT a FROM cg.j"));
            assertEquals(denied("SELECT", "a", "j"), failure(c, "SELECT v.b FROM cg.j AS v WHERE v.a = 1"));
            assertEquals(tableDenied("SELECT", "j"), failure(c, "SELECT * FROM cg.j"));
            assertEquals(denied("UPDATE", "a", "j"), failure(c, "UPDATE cg.j SET a = 7"));
            assertEquals(denied("SELECT", "x", "j"), failure(c, "UPDATE cg.j SET b = 7 WHERE x = 10"));
            assertEquals(List.of("1", "2"), column(c, "SELECT b FROM cg.j ORDER BY id"));
            exec(c, "UPDATE cg.j SET b = b + 100 WHERE id = 2");
            assertEquals(List.of("1", "102"), column(c, "SELECT b FROM cg.j ORDER BY id"));
        }
        try (Connection r = DRIVER.connect(server, "cg")) {
            exec(r, "UPDATE cg.t SET b = id");
        }
    }
}
