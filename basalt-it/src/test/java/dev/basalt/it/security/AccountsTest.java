package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.client.Driver;
import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Accounts through real drivers: both plugins, wrong passwords, locks, host patterns, persistence. */
class AccountsTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static int errorOf(ThrowingRunnable r) {
        SQLException e = assertThrows(SQLException.class, r::run);
        return e.getErrorCode();
    }

    interface ThrowingRunnable { void run() throws Exception; }

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({
        "caching_sha2_password, MARIADB", "caching_sha2_password, MYSQL",
        "mysql_native_password, MARIADB", "mysql_native_password, MYSQL"})
    void createdUserLogsInWithEitherPlugin(String plugin, Driver driver) throws Exception {
        String user = "u_" + plugin.substring(0, 5) + "_" + driver.name().toLowerCase();
        try (Connection root = driver.connect(server, "")) {
            exec(root, "CREATE USER '" + user + "'@'%' IDENTIFIED WITH " + plugin + " BY 'pw1'");
        }
        for (int i = 0; i < 2; i++) { // caching_sha2: full path first, then the cached one
            try (Connection c = driver.connect(server, "", user, "pw1")) {
                assertEquals(List.of(user + "@%"), column(c, "SELECT CURRENT_USER()"));
            }
        }
        SQLException e = assertThrows(SQLException.class, () -> driver.connect(server, "", user, "nope"));
        assertEquals(1045, e.getErrorCode());
        assertTrue(e.getMessage().contains("Access denied for user '" + user + "'@'localhost' (using password: YES)")
                || e.getMessage().contains("'@'127.0.0.1' (using password: YES)"), e.getMessage());
        try (Connection root = driver.connect(server, "")) {
            exec(root, "ALTER USER '" + user + "'@'%' IDENTIFIED BY 'pw2'");
        }
        assertEquals(1045, errorOf(() -> driver.connect(server, "", user, "pw1").close()));
        try (Connection c = driver.connect(server, "", user, "pw2")) {
            exec(c, "SET PASSWORD = 'pw3'");
        }
        try (Connection c = driver.connect(server, "", user, "pw3")) {
            assertEquals(List.of("1"), column(c, "SELECT 1"));
        }
        try (Connection root = driver.connect(server, "")) {
            exec(root, "DROP USER '" + user + "'@'%'");
        }
        assertEquals(1045, errorOf(() -> driver.connect(server, "", user, "pw3").close()));
    }

    @Test
    void lockedAccountGets3118() throws Exception {
        try (Connection root = Driver.MARIADB.connect(server, "")) {
            exec(root, "CREATE USER locky IDENTIFIED BY 'pw' ACCOUNT LOCK");
        }
        assertEquals(3118, errorOf(() -> Driver.MARIADB.connect(server, "", "locky", "pw").close()));
        assertEquals(1045, errorOf(() -> Driver.MARIADB.connect(server, "", "locky", "bad").close()));
        try (Connection root = Driver.MARIADB.connect(server, "")) {
            exec(root, "ALTER USER locky ACCOUNT UNLOCK");
        }
        Driver.MARIADB.connect(server, "", "locky", "pw").close();
    }

    @Test
    void mostSpecificHostWins() throws Exception {
        try (Connection root = Driver.MARIADB.connect(server, "")) {
            exec(root, "CREATE USER hosty@'%' IDENTIFIED BY 'any'",
                    "CREATE USER hosty@'127.0.0.%' IDENTIFIED BY 'net'",
                    "CREATE USER hosty@localhost IDENTIFIED BY 'local'",
                    "CREATE USER hosty@'10.1.2.3' IDENTIFIED BY 'elsewhere'");
        }
        try (Connection c = Driver.MARIADB.connect(server, "", "hosty", "local")) {
            assertEquals(List.of("hosty@localhost"), column(c, "SELECT CURRENT_USER()"));
        }
        assertEquals(1045, errorOf(() -> Driver.MARIADB.connect(server, "", "hosty", "any").close()));
        try (Connection root = Driver.MARIADB.connect(server, "")) {
            exec(root, "DROP USER hosty@localhost");
        }
        try (Connection c = Driver.MARIADB.connect(server, "", "hosty", "net")) {
            assertEquals(List.of("hosty@127.0.0.%"), column(c, "SELECT CURRENT_USER()"));
        }
    }

    @Test
    void accountStatementErrors() throws Exception {
        try (Connection root = Driver.MARIADB.connect(server, "")) {
            exec(root, "CREATE USER dup@'%'");
            assertEquals(1396, errorOf(() -> exec(root, "CREATE USER dup@'%'")));
            exec(root, "CREATE USER IF NOT EXISTS dup@'%'");
            assertEquals(1396, errorOf(() -> exec(root, "DROP USER nobody@'%'")));
            exec(root, "DROP USER IF EXISTS nobody@'%'");
            assertEquals(1396, errorOf(() -> exec(root, "ALTER USER nobody@'%' IDENTIFIED BY 'x'")));
            assertEquals(1396, errorOf(() -> exec(root, "RENAME USER nobody TO somebody")));
            assertEquals(1133, errorOf(() -> exec(root, "SET PASSWORD FOR nobody = 'x'")));
            assertEquals(1524, errorOf(() -> exec(root, "CREATE USER p IDENTIFIED WITH sha256_passwordx BY 'x'")));
            exec(root, "RENAME USER dup TO dup2");
            assertEquals(List.of("GRANT USAGE ON *.* TO `dup2`@`%`"), column(root, "SHOW GRANTS FOR dup2"));
            exec(root, "DROP USER dup2");
        }
    }

    @Test
    void rolesGiveTheirPrivilegesWhenActive() throws Exception {
        try (Connection root = Driver.MARIADB.connect(server, "")) {
            exec(root, "CREATE DATABASE IF NOT EXISTS rdb", "CREATE TABLE IF NOT EXISTS rdb.t (a INT)",
                    "CREATE ROLE reader", "GRANT SELECT ON rdb.* TO reader",
                    "CREATE USER roley IDENTIFIED BY 'pw'", "GRANT reader TO roley");
            assertEquals(List.of("GRANT USAGE ON *.* TO `roley`@`%`", "GRANT `reader`@`%` TO `roley`@`%`"),
                    column(root, "SHOW GRANTS FOR roley"));
            assertEquals(1396, errorOf(() -> exec(root, "CREATE ROLE reader")));
            // a role is a locked account without password: nobody logs in as it (MySQL's 3118)
            assertEquals(3118, errorOf(() -> Driver.MARIADB.connect(server, "", "reader", "").close()));
        }
        try (Connection c = Driver.MARIADB.connect(server, "", "roley", "pw")) {
            assertEquals(1142, errorOf(() -> exec(c, "SELECT * FROM rdb.t"))); // not active by default
            exec(c, "SET ROLE reader");
            exec(c, "SELECT * FROM rdb.t");
            exec(c, "SET ROLE NONE");
            assertEquals(1142, errorOf(() -> exec(c, "SELECT * FROM rdb.t")));
            assertEquals(3530, errorOf(() -> exec(c, "SET ROLE nosuchrole")));
            exec(c, "SET DEFAULT ROLE ALL TO roley");
        }
        try (Connection c = Driver.MARIADB.connect(server, "", "roley", "pw")) {
            exec(c, "SELECT * FROM rdb.t"); // default roles are active at login
            try (Connection root = Driver.MARIADB.connect(server, "")) {
                exec(root, "REVOKE reader FROM roley");
            }
            assertEquals(1142, errorOf(() -> exec(c, "SELECT * FROM rdb.t")));
        }
        try (Connection root = Driver.MARIADB.connect(server, "")) {
            exec(root, "GRANT reader TO roley", "DROP ROLE reader");
            assertEquals(List.of("GRANT USAGE ON *.* TO `roley`@`%`"), column(root, "SHOW GRANTS FOR roley"));
            exec(root, "DROP USER roley");
        }
    }

    @Test
    void accountsSurviveRestart() throws Exception {
        Path dir = Files.createTempDirectory("basalt-accounts-");
        try {
            ServerSettings settings = ServerSettings.defaults().withStorage("lmdb").withPort(0).withRootPassword("")
                    .withDataDir(dir);
            try (TestServer s = TestServer.start(settings); Connection root = Driver.MARIADB.connect(s, "")) {
                exec(root, "CREATE DATABASE keep", "CREATE TABLE keep.t (a INT)",
                        "CREATE USER stay@'%' IDENTIFIED WITH mysql_native_password BY 'pw'",
                        "GRANT SELECT ON keep.* TO stay@'%'");
            }
            try (TestServer s = TestServer.start(settings); Connection c = Driver.MYSQL.connect(s, "keep", "stay", "pw")) {
                assertEquals(List.of("GRANT USAGE ON *.* TO `stay`@`%`", "GRANT SELECT ON `keep`.* TO `stay`@`%`"),
                        column(c, "SHOW GRANTS"));
                assertEquals(1142, errorOf(() -> exec(c, "INSERT INTO t VALUES (1)")));
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }
}
