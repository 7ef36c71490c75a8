package dev.basalt.it.security;

import static dev.basalt.it.security.AccountsTest.column;
import static dev.basalt.it.security.AccountsTest.exec;
import static dev.basalt.it.security.DefinerRightsTest.errorOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.it.client.Driver;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A view's security context with real logins, as MySQL 8 sets it up: writes through a view need
 * the privilege on the view (1142) and, below it, the definer's (SQL SECURITY DEFINER) or the
 * writer's (INVOKER) privilege on the base table (1356, for root too); CURRENT_USER() inside a
 * definer view names the definer; a view whose definer account is gone is refused (1449 for a
 * session with SUPER, root included; 1045 for others), while DESCRIBE only notes it.
 */
class ViewRightsTest {
    private static TestServer server;
    private static final Driver DRIVER = Driver.MYSQL;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        try (Connection root = DRIVER.connect(server, "")) {
            exec(root,
                    "CREATE DATABASE vw",
                    "CREATE TABLE vw.t (a INT, b INT)",
                    "INSERT INTO vw.t VALUES (1, 1), (2, 2)",
                    "CREATE USER 'writer'@'%' IDENTIFIED BY 'pw'",
                    "CREATE USER 'maker'@'%' IDENTIFIED BY 'pw'",
                    "CREATE USER 'ghost'@'%'",
                    "CREATE USER 'blind'@'%'",
                    "CREATE DEFINER='blind'@'%' VIEW vw.v_blind AS SELECT a, b FROM vw.t",
                    "GRANT UPDATE, DELETE ON vw.t TO 'blind'@'%'",
                    "GRANT SELECT, UPDATE, DELETE ON vw.v_blind TO 'writer'@'%'",
                    "CREATE SQL SECURITY INVOKER VIEW vw.v_inv AS SELECT a, b FROM vw.t",
                    "CREATE VIEW vw.v_root AS SELECT a, b FROM vw.t",
                    "CREATE DEFINER='maker'@'%' VIEW vw.v_maker AS SELECT a, b FROM vw.t WHERE a < 100",
                    "CREATE DEFINER='maker'@'%' VIEW vw.v_nested AS SELECT a, b FROM vw.v_root",
                    "CREATE VIEW vw.v_readonly AS SELECT a, b FROM vw.t",
                    "CREATE DEFINER='maker'@'%' VIEW vw.v_who AS SELECT CURRENT_USER() AS cu, USER() AS u,"
                            + " (SELECT CURRENT_USER) AS sub FROM vw.t LIMIT 1",
                    "CREATE SQL SECURITY INVOKER VIEW vw.v_who_inv AS SELECT CURRENT_USER() AS cu",
                    "CREATE DEFINER='maker'@'%' VIEW vw.v_who_outer AS SELECT cu FROM vw.v_who_inv",
                    "CREATE DEFINER='ghost'@'%' VIEW vw.v_ghost AS SELECT a FROM vw.t",
                    "CREATE DEFINER='ghost'@'%' SQL SECURITY INVOKER VIEW vw.v_ghost_inv AS SELECT a FROM vw.t",
                    "DROP USER 'ghost'@'%'",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON vw.v_inv TO 'writer'@'%'",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON vw.v_root TO 'writer'@'%'",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON vw.v_maker TO 'writer'@'%'",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON vw.v_nested TO 'writer'@'%'",
                    "GRANT SELECT ON vw.v_readonly TO 'writer'@'%'",
                    "GRANT SELECT ON vw.v_who TO 'writer'@'%'",
                    "GRANT SELECT ON vw.v_who_inv TO 'writer'@'%'",
                    "GRANT SELECT ON vw.v_who_outer TO 'writer'@'%'",
                    "GRANT SELECT ON vw.v_ghost TO 'writer'@'%'",
                    "GRANT SELECT ON vw.t TO 'maker'@'%'",
                    "GRANT SELECT ON vw.v_who_inv TO 'maker'@'%'");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Connection writer() throws SQLException { return DRIVER.connect(server, "vw", "writer", "pw"); }

    static Connection root() throws SQLException { return DRIVER.connect(server, "vw"); }

    @Test
    void aDefinerViewWritesWithItsDefinersRights() throws Exception {
        try (Connection c = writer()) {
            assertEquals(1142, errorOf(c, "INSERT INTO vw.t VALUES (9, 9)"));
            exec(c, "INSERT INTO vw.v_root VALUES (10, 10)",
                    "UPDATE vw.v_root SET b = 11 WHERE a = 10",
                    "DELETE FROM vw.v_root WHERE a = 10");
            // the writer's own privilege on the view comes first
            assertEquals(1142, errorOf(c, "INSERT INTO vw.v_readonly VALUES (3, 3)"));
            assertEquals(1142, errorOf(c, "UPDATE vw.v_readonly SET b = 0"));
            assertEquals(1142, errorOf(c, "DELETE FROM vw.v_readonly"));
        }
    }

    @Test
    void anInvokerViewNeedsTheWritersRightsOnTheTable() throws Exception {
        try (Connection c = writer()) {
            assertEquals(1356, errorOf(c, "INSERT INTO vw.v_inv VALUES (3, 3)"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_inv SET b = 0 WHERE a = 1"));
            assertEquals(1356, errorOf(c, "DELETE FROM vw.v_inv WHERE a = 1"));
        }
    }

    @Test
    void aDefinerWithoutTheRightFailsEvenForRoot() throws Exception {
        try (Connection c = writer()) {
            // maker may only read vw.t
            assertEquals(1356, errorOf(c, "INSERT INTO vw.v_maker VALUES (20, 20)"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_maker SET b = 0"));
            assertEquals(1356, errorOf(c, "DELETE FROM vw.v_maker WHERE a = 20"));
            assertEquals(List.of("1", "2"), column(c, "SELECT a FROM vw.v_maker WHERE a < 3 ORDER BY a"));
        }
        try (Connection r = root()) {
            assertEquals(1356, errorOf(r, "UPDATE vw.v_maker SET b = 0 WHERE a = 30"));
            exec(r, "GRANT INSERT, DELETE ON vw.t TO 'maker'@'%'");
        }
        try (Connection c = writer()) {
            exec(c, "INSERT INTO vw.v_maker VALUES (20, 20)", "DELETE FROM vw.v_maker WHERE a = 20");
            // REPLACE needs DELETE too, ON DUPLICATE KEY UPDATE needs UPDATE
            assertEquals(1356, errorOf(c, "INSERT INTO vw.v_maker VALUES (21, 21) ON DUPLICATE KEY UPDATE b = 0"));
        }
        try (Connection r = root()) {
            exec(r, "REVOKE INSERT, DELETE ON vw.t FROM 'maker'@'%'");
        }
    }

    /**
     * Reading columns below the view needs SELECT there, as in MySQL: a definer with UPDATE but no
     * SELECT on the table cannot be used to find rows by values it may not read.
     */
    @Test
    void readingColumnsBelowTheViewNeedsSelect() throws Exception {
        try (Connection c = writer()) {
            assertEquals(1356, errorOf(c, "UPDATE vw.v_blind SET b = 0 WHERE a = 1"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_blind SET b = a"));
            assertEquals(1356, errorOf(c, "DELETE FROM vw.v_blind WHERE a = 1"));
            // writing without reading needs only the write privilege
            exec(c, "UPDATE vw.v_blind SET b = 0");
        }
        try (Connection r = root()) {
            assertEquals(List.of("0", "0"), column(r, "SELECT b FROM vw.t WHERE a < 3 ORDER BY a"));
            exec(r, "UPDATE vw.t SET b = a");
        }
    }

    /**
     * Below a view the definer's rights are checked column by column, as MySQL does: a definer with
     * SELECT and UPDATE on column b and INSERT on a and b may set, read and insert those through its
     * view, and nothing else (1356).
     */
    @Test
    void rightsBelowTheViewAreCheckedPerColumn() throws Exception {
        try (Connection r = root()) {
            exec(r, "CREATE USER 'colman'@'%'",
                    "CREATE TABLE vw.tc (a INT, b INT, c INT)",
                    "INSERT INTO vw.tc VALUES (1, 1, 1)",
                    "GRANT SELECT (b), UPDATE (b), INSERT (a, b) ON vw.tc TO 'colman'@'%'",
                    "CREATE DEFINER='colman'@'%' VIEW vw.v_cols AS SELECT a, b, c FROM vw.tc",
                    "GRANT SELECT, INSERT, UPDATE ON vw.v_cols TO 'writer'@'%'");
        }
        try (Connection c = writer()) {
            exec(c, "UPDATE vw.v_cols SET b = 2", "UPDATE vw.v_cols SET b = b + 1 WHERE b = 2");
            assertEquals(1356, errorOf(c, "UPDATE vw.v_cols SET a = 2"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_cols SET b = 5 WHERE a = 1"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_cols SET b = c"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_cols SET b = 5 ORDER BY c LIMIT 1"));
            exec(c, "INSERT INTO vw.v_cols (a, b) VALUES (2, 2)");
            assertEquals(1356, errorOf(c, "INSERT INTO vw.v_cols (a, c) VALUES (3, 3)"));
            assertEquals(1356, errorOf(c, "INSERT INTO vw.v_cols VALUES (3, 3, 3)"));
            assertEquals(1356, errorOf(c, "INSERT INTO vw.v_cols (a, b) VALUES (2, 2) ON DUPLICATE KEY UPDATE a = 9"));
        }
        try (Connection r = root()) {
            assertEquals(List.of("1:3", "2:2"), column(r, "SELECT CONCAT(a, ':', b) FROM vw.tc ORDER BY a"));
            exec(r, "DROP VIEW vw.v_cols", "DROP TABLE vw.tc", "DROP USER 'colman'@'%'");
        }
    }

    @Test
    void viewsInBetweenAreCheckedPerColumn() throws Exception {
        try (Connection r = root()) {
            exec(r, "CREATE USER 'midman'@'%'",
                    "CREATE TABLE vw.ts (a INT, b INT, c INT)",
                    "INSERT INTO vw.ts VALUES (1, 1, 1)",
                    "CREATE VIEW vw.v_low AS SELECT a, b, c FROM vw.ts",
                    "GRANT SELECT (b), UPDATE (b), INSERT (a, b) ON vw.v_low TO 'midman'@'%'",
                    "CREATE DEFINER='midman'@'%' VIEW vw.v_high AS SELECT a, b, c FROM vw.v_low",
                    "GRANT SELECT, INSERT, UPDATE ON vw.v_high TO 'writer'@'%'");
        }
        try (Connection c = writer()) {
            // v_high's definer holds column grants on the view below it: each column is checked
            exec(c, "UPDATE vw.v_high SET b = 2", "UPDATE vw.v_high SET b = b + 1 WHERE b = 2");
            assertEquals(1356, errorOf(c, "UPDATE vw.v_high SET a = 2"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_high SET b = 5 WHERE a = 1"));
            exec(c, "INSERT INTO vw.v_high (a, b) VALUES (2, 2)");
            assertEquals(1356, errorOf(c, "INSERT INTO vw.v_high (a, c) VALUES (3, 3)"));
        }
        try (Connection r = root()) {
            assertEquals(List.of("1:3", "2:2"), column(r, "SELECT CONCAT(a, ':', b) FROM vw.ts ORDER BY a"));
            exec(r, "DROP VIEW vw.v_high", "DROP VIEW vw.v_low", "DROP TABLE vw.ts", "DROP USER 'midman'@'%'");
        }
    }

    /**
     * Below a join view the definer's rights are checked column by column as a multi-table write:
     * UPDATE on the columns set of the table changed, SELECT on the columns read (the statement's
     * and the join condition), INSERT on the columns given; 1356 otherwise. REPLACE through a join
     * view is refused whatever the rights (1395).
     */
    @Test
    void rightsBelowAJoinViewAreCheckedPerColumn() throws Exception {
        try (Connection r = root()) {
            exec(r, "CREATE USER 'joiner'@'%'",
                    "CREATE TABLE vw.jt (id INT PRIMARY KEY, a INT, b INT)",
                    "CREATE TABLE vw.ju (id INT PRIMARY KEY, x INT, y INT)",
                    "INSERT INTO vw.jt VALUES (1, 1, 1), (2, 2, 2)",
                    "INSERT INTO vw.ju VALUES (1, 10, 10), (2, 20, 20)",
                    "GRANT SELECT (id, b), UPDATE (b), INSERT (id, b) ON vw.jt TO 'joiner'@'%'",
                    "GRANT SELECT (id, x) ON vw.ju TO 'joiner'@'%'",
                    "CREATE DEFINER='joiner'@'%' VIEW vw.v_join AS"
                            + " SELECT jt.id, jt.a, jt.b, ju.x, ju.y FROM vw.jt JOIN vw.ju ON jt.id = ju.id",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON vw.v_join TO 'writer'@'%'");
        }
        try (Connection c = writer()) {
            exec(c, "UPDATE vw.v_join SET b = 5", "UPDATE vw.v_join SET b = 6 WHERE x = 10", "UPDATE vw.v_join SET b = x WHERE id = 2");
            assertEquals(1356, errorOf(c, "UPDATE vw.v_join SET a = 7"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_join SET b = 7 WHERE a = 1"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_join SET b = 7 WHERE y = 10"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_join SET b = y"));
            assertEquals(1356, errorOf(c, "UPDATE vw.v_join SET x = 1"));
            exec(c, "INSERT INTO vw.v_join (id, b) VALUES (3, 3)");
            assertEquals(1356, errorOf(c, "INSERT INTO vw.v_join (id, a) VALUES (4, 4)"));
            assertEquals(1395, errorOf(c, "REPLACE INTO vw.v_join (id, b) VALUES (3, 3)"));
        }
        try (Connection r = root()) {
            assertEquals(List.of("1:1:6", "2:2:20", "3:null:3"),
                    column(r, "SELECT CONCAT_WS(':', id, IFNULL(a, 'null'), b) FROM vw.jt ORDER BY id"));
            exec(r, "DROP VIEW vw.v_join", "DROP TABLE vw.jt", "DROP TABLE vw.ju", "DROP USER 'joiner'@'%'");
        }
    }

    @Test
    void nestedViewsCheckEachLevel() throws Exception {
        try (Connection c = writer()) {
            // v_nested runs as maker, who has no UPDATE on v_root
            assertEquals(1356, errorOf(c, "UPDATE vw.v_nested SET b = 5 WHERE a = 2"));
        }
        try (Connection r = root()) {
            exec(r, "GRANT SELECT, UPDATE ON vw.v_root TO 'maker'@'%'");
        }
        try (Connection c = writer()) {
            // and v_root runs as root
            exec(c, "UPDATE vw.v_nested SET b = 5 WHERE a = 2");
        }
        try (Connection r = root()) {
            assertEquals(List.of("5"), column(r, "SELECT b FROM vw.t WHERE a = 2"));
            exec(r, "UPDATE vw.t SET b = 2 WHERE a = 2", "REVOKE SELECT, UPDATE ON vw.v_root FROM 'maker'@'%'");
        }
    }

    @Test
    void currentUserInADefinerViewIsTheDefiner() throws Exception {
        try (Connection c = writer()) {
            assertEquals(List.of("maker@%"), column(c, "SELECT cu FROM vw.v_who"));
            assertEquals(List.of("maker@%"), column(c, "SELECT sub FROM vw.v_who"));
            assertEquals("writer@", column(c, "SELECT u FROM vw.v_who").get(0).substring(0, 7));
            assertEquals(List.of("writer@%"), column(c, "SELECT cu FROM vw.v_who_inv"));
            // an invoker view used by a definer view runs as that definer
            assertEquals(List.of("maker@%"), column(c, "SELECT cu FROM vw.v_who_outer"));
        }
        try (Connection r = root()) {
            assertEquals(List.of("maker@%"), column(r, "SELECT cu FROM vw.v_who"));
            assertEquals(List.of("VARCHAR"), column(r,
                    "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'vw' AND TABLE_NAME = 'v_who' AND COLUMN_NAME = 'cu'")
                    .stream().map(String::toUpperCase).toList());
        }
    }

    @Test
    void aViewWhoseDefinerIsGoneIsRefused() throws Exception {
        try (Connection r = root(); Statement s = r.createStatement()) {
            assertEquals(1449, errorOf(r, "SELECT a FROM vw.v_ghost"));
            assertEquals(1449, errorOf(r, "INSERT INTO vw.v_ghost VALUES (3)"));
            // an invoker view does not run as its definer
            assertEquals(List.of("1", "2"), column(r, "SELECT a FROM vw.v_ghost_inv WHERE a < 3 ORDER BY a"));
            // describing it is not running it: a note
            s.execute("DESCRIBE vw.v_ghost");
            SQLWarning w = s.getWarnings();
            assertEquals(1449, w == null ? 0 : w.getErrorCode());
            s.execute("SHOW CREATE VIEW vw.v_ghost");
            w = s.getWarnings();
            assertEquals(1449, w == null ? 0 : w.getErrorCode());
        }
        try (Connection c = writer()) {
            // without SUPER MySQL does not say which account is missing
            assertEquals(1045, errorOf(c, "SELECT a FROM vw.v_ghost"));
        }
    }
}
