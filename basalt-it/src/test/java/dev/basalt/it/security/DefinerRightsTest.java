package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static dev.basalt.it.security.AccountsTest.column;
import static dev.basalt.it.security.AccountsTest.exec;

import dev.basalt.it.client.Driver;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DEFINER and SQL SECURITY with real logins (MySQL Connector/J): views, procedures, functions
 * and triggers run with their definer's privileges unless SQL SECURITY INVOKER; CURRENT_USER()
 * names the definer inside, USER() the client; naming another definer needs SUPER (1227); a
 * definer whose account is missing is a note at CREATE and an error at use (both 1449).
 */
class DefinerRightsTest {
    private static TestServer server;
    private static final Driver DRIVER = Driver.MYSQL;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        try (Connection root = DRIVER.connect(server, "")) {
            exec(root,
                    "CREATE DATABASE dr",
                    "CREATE TABLE dr.secret (a INT)",
                    "INSERT INTO dr.secret VALUES (1), (2)",
                    "CREATE TABLE dr.log (msg VARCHAR(40))",
                    "CREATE TABLE dr.pub (a INT)",
                    "CREATE USER 'reader'@'%' IDENTIFIED BY 'pw'",
                    "CREATE USER 'maker'@'%' IDENTIFIED BY 'pw'",
                    "CREATE VIEW dr.v_def AS SELECT a FROM dr.secret",
                    "CREATE SQL SECURITY INVOKER VIEW dr.v_inv AS SELECT a FROM dr.secret",
                    "CREATE DEFINER='maker'@'%' VIEW dr.v_maker AS SELECT a FROM dr.secret",
                    "CREATE PROCEDURE dr.p_log(m VARCHAR(40)) INSERT INTO dr.log VALUES (m)",
                    "CREATE PROCEDURE dr.p_log_inv(m VARCHAR(40)) SQL SECURITY INVOKER INSERT INTO dr.log VALUES (m)",
                    "CREATE FUNCTION dr.f_who() RETURNS VARCHAR(100) DETERMINISTIC RETURN CONCAT(CURRENT_USER(), ' ', USER())",
                    "CREATE FUNCTION dr.f_count() RETURNS INT READS SQL DATA RETURN (SELECT COUNT(*) FROM dr.secret)",
                    "CREATE TRIGGER dr.pub_ai AFTER INSERT ON dr.pub FOR EACH ROW INSERT INTO dr.log VALUES (CONCAT('pub ', NEW.a))",
                    "GRANT SELECT ON dr.v_def TO 'reader'@'%'",
                    "GRANT SELECT ON dr.v_inv TO 'reader'@'%'",
                    "GRANT SELECT ON dr.v_maker TO 'reader'@'%'",
                    "GRANT EXECUTE ON PROCEDURE dr.p_log TO 'reader'@'%'",
                    "GRANT EXECUTE ON PROCEDURE dr.p_log_inv TO 'reader'@'%'",
                    "GRANT EXECUTE ON FUNCTION dr.f_who TO 'reader'@'%'",
                    "GRANT EXECUTE ON FUNCTION dr.f_count TO 'reader'@'%'",
                    "GRANT INSERT ON dr.pub TO 'reader'@'%'",
                    "GRANT CREATE ROUTINE, CREATE VIEW, SELECT ON dr.* TO 'maker'@'%'");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Connection reader() throws SQLException { return DRIVER.connect(server, "dr", "reader", "pw"); }

    static String cell(Connection c, String sql, int column) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(column);
        }
    }

    static int errorOf(Connection c, String sql) {
        return assertThrows(SQLException.class, () -> exec(c, sql), sql).getErrorCode();
    }

    @Test
    void definerViewReadsTablesTheReaderCannot() throws Exception {
        try (Connection c = reader()) {
            assertEquals(1142, errorOf(c, "SELECT a FROM dr.secret"));
            assertEquals(List.of("1", "2"), column(c, "SELECT a FROM dr.v_def ORDER BY a"));
            // the invoker's rights: the reader has none on the table, which MySQL reports as the view's fault
            assertEquals(1356, errorOf(c, "SELECT a FROM dr.v_inv"));
            // maker has SELECT on dr.*: its view works for the reader too
            assertEquals(List.of("1", "2"), column(c, "SELECT a FROM dr.v_maker ORDER BY a"));
        }
        try (Connection root = DRIVER.connect(server, "")) {
            exec(root, "REVOKE SELECT ON dr.* FROM 'maker'@'%'");
            try (Connection c = reader()) {
                assertEquals(1356, errorOf(c, "SELECT a FROM dr.v_maker"));
            }
            exec(root, "GRANT SELECT ON dr.* TO 'maker'@'%'");
        }
    }

    @Test
    void definerProcedureWritesWhatTheCallerCannot() throws Exception {
        try (Connection c = reader()) {
            assertEquals(1142, errorOf(c, "INSERT INTO dr.log VALUES ('direct')"));
            exec(c, "CALL dr.p_log('via definer')");
            assertEquals(1142, errorOf(c, "CALL dr.p_log_inv('via invoker')"));
        }
        try (Connection root = DRIVER.connect(server, "")) {
            List<String> log = column(root, "SELECT msg FROM dr.log WHERE msg LIKE 'via%'");
            assertEquals(List.of("via definer"), log);
        }
    }

    @Test
    void functionsSeeTheDefinerAsCurrentUser() throws Exception {
        try (Connection c = reader()) {
            String who = column(c, "SELECT f_who()").get(0);
            assertEquals("root@localhost reader@", who.substring(0, "root@localhost reader@".length()), who);
            assertEquals(List.of("2"), column(c, "SELECT f_count()"));
            assertEquals(List.of("reader@%"), column(c, "SELECT CURRENT_USER()"));
        }
    }

    @Test
    void triggersRunAsTheirDefiner() throws Exception {
        try (Connection c = reader()) {
            exec(c, "INSERT INTO dr.pub VALUES (7)");
        }
        try (Connection root = DRIVER.connect(server, "")) {
            assertEquals(List.of("pub 7"), column(root, "SELECT msg FROM dr.log WHERE msg LIKE 'pub%'"));
        }
    }

    @Test
    void namingAnotherDefinerNeedsSuper() throws Exception {
        try (Connection c = DRIVER.connect(server, "dr", "maker", "pw")) {
            assertEquals(1227, errorOf(c, "CREATE DEFINER='reader'@'%' PROCEDURE dr.p_other() SELECT 1"));
            assertEquals(1227, errorOf(c, "CREATE DEFINER=root@localhost VIEW dr.v_other AS SELECT 1"));
            // naming oneself is fine, and so is leaving it out
            exec(c, "CREATE DEFINER='maker'@'%' PROCEDURE dr.p_self() SELECT 1",
                    "CREATE VIEW dr.v_self AS SELECT 1 AS one");
            assertEquals(List.of("maker@%"), column(c,
                    "SELECT DEFINER FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'dr' AND ROUTINE_NAME = 'p_self'"));
            assertEquals(List.of("maker@%"), column(c,
                    "SELECT DEFINER FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'dr' AND TABLE_NAME = 'v_self'"));
            // as mysqldump reads them back
            assertEquals("CREATE ALGORITHM=UNDEFINED DEFINER=`maker`@`%` SQL SECURITY DEFINER VIEW `v_self`",
                    cell(c, "SHOW CREATE VIEW dr.v_self", 2).split(" AS ")[0]);
            assertEquals("CREATE DEFINER=`maker`@`%` PROCEDURE `p_self`",
                    cell(c, "SHOW CREATE PROCEDURE dr.p_self", 3).split("\\(")[0]);
        }
    }

    @Test
    void missingDefinerIsANoteAtCreateAndAnErrorAtUse() throws Exception {
        try (Connection root = DRIVER.connect(server, "dr"); Statement s = root.createStatement()) {
            s.execute("CREATE DEFINER='ghost'@'%' PROCEDURE dr.p_ghost() SELECT 1");
            SQLWarning w = s.getWarnings();
            assertEquals(1449, w == null ? 0 : w.getErrorCode());
            assertEquals(1449, errorOf(root, "CALL dr.p_ghost()"));
            s.execute("CREATE DEFINER='ghost'@'%' PROCEDURE dr.p_ghost_inv() SQL SECURITY INVOKER SELECT 1");
            exec(root, "CALL dr.p_ghost_inv()");
        }
    }

    @Test
    void accountsNamedAsDefinerAreNotOrphanedOrAdoptedQuietly() throws Exception {
        try (Connection root = DRIVER.connect(server, "dr")) {
            exec(root, "CREATE USER 'owner'@'%'", "CREATE USER 'admin'@'%' IDENTIFIED BY 'pw'",
                    "GRANT CREATE USER ON *.* TO 'admin'@'%'",
                    "CREATE DEFINER='owner'@'%' VIEW dr.v_owned AS SELECT 1 AS one",
                    "CREATE DEFINER='owner_p'@'%' PROCEDURE dr.p_owned() SELECT 1");
            // without SUPER (MySQL: SET_USER_ID) orphaning or adopting a definer's objects is refused (MySQL 8.0.22+)
            try (Connection admin = DRIVER.connect(server, "", "admin", "pw")) {
                SQLException drop = assertThrows(SQLException.class, () -> exec(admin, "DROP USER 'owner'@'%'"));
                assertEquals(4006, drop.getErrorCode());
                assertEquals("Operation DROP USER failed for 'owner'@'%' as it is referenced as a definer account in a view.",
                        drop.getMessage());
                assertEquals(4006, errorOf(admin, "RENAME USER 'owner'@'%' TO 'owner2'@'%'"));
                SQLException adopt = assertThrows(SQLException.class, () -> exec(admin, "CREATE USER 'owner_p'@'%'"));
                assertEquals("Operation CREATE USER failed for 'owner_p'@'%' as it is referenced as a definer account in a stored routine.",
                        adopt.getMessage());
                exec(admin, "CREATE USER 'unrelated'@'%'", "DROP USER 'unrelated'@'%'");
            }
            // with it, the statement works and warns
            try (Statement s = root.createStatement()) {
                s.execute("DROP USER 'owner'@'%'");
                SQLWarning w = s.getWarnings();
                assertEquals(4005, w == null ? 0 : w.getErrorCode());
                assertEquals("User 'owner'@'%' is referenced as a definer account in a view.", w.getMessage());
                s.execute("CREATE USER 'owner_p'@'%'");
                assertEquals(4005, s.getWarnings() == null ? 0 : s.getWarnings().getErrorCode());
            }
            exec(root, "DROP VIEW dr.v_owned", "DROP PROCEDURE dr.p_owned", "DROP USER 'owner_p'@'%'", "DROP USER 'admin'@'%'");
        }
    }
}
